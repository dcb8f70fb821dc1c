import { describe, expect, it } from "vitest";
import { API_KEY_STORAGE, authorizationFor, createAuthStore, keyShapeProblem, readApiKey, refusedForKey, unauthenticatedMessage, writeApiKey } from "./auth";

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    map: m,
  };
}

describe("the stored key", () => {
  it("is written trimmed, read back, and removed when emptied", () => {
    const s = memoryStorage();
    expect(readApiKey(s)).toBeNull();
    writeApiKey(s, "  ob_abc  ");
    expect(s.map.get(API_KEY_STORAGE)).toBe("ob_abc");
    expect(readApiKey(s)).toBe("ob_abc");
    expect(authorizationFor(readApiKey(s))).toBe("Bearer ob_abc");
    writeApiKey(s, " ");
    expect(readApiKey(s)).toBeNull();
    expect(authorizationFor(null)).toBeUndefined();
  });

  it("reads as absent where storage throws", () => {
    const blocked = { getItem: () => { throw new Error("denied"); }, setItem: () => {}, removeItem: () => {} };
    expect(readApiKey(blocked)).toBeNull();
    expect(readApiKey(undefined)).toBeNull();
  });

  it("hints at keys the API cannot have issued", () => {
    expect(keyShapeProblem("ob_0123")).toBeNull();
    expect(keyShapeProblem("")).toBeNull();
    expect(keyShapeProblem("Bearer ob_0123")).toMatch(/without "Bearer"/);
    expect(keyShapeProblem("abc")).toMatch(/start with ob_/);
  });
});

describe("recognising that the API wants a key", () => {
  it("by the error code or HTTP 401, not by other errors", () => {
    expect(unauthenticatedMessage({ graphQLErrors: [{ message: "this API requires an API key", extensions: { code: "UNAUTHENTICATED" } }] })).toBe("this API requires an API key");
    expect(unauthenticatedMessage({ graphQLErrors: [], response: { status: 401 } })).toMatch(/requires an API key/);
    expect(unauthenticatedMessage({ graphQLErrors: [{ message: "no", extensions: { code: "FORBIDDEN" } }], response: { status: 200 } })).toBeNull();
    expect(unauthenticatedMessage(undefined)).toBeNull();
  });

  it("by the WebSocket's close codes 4401 and 4403", () => {
    expect(refusedForKey("UNAUTHENTICATED: API key required (close code 4401)")).toBe(true);
    expect(refusedForKey("close code 4403")).toBe(true);
    expect(refusedForKey("close code 1006")).toBe(false);
    expect(refusedForKey(null)).toBe(false);
  });

  it("notifies once per reason", () => {
    const store = createAuthStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.unauthenticated("a");
    store.unauthenticated("a");
    store.unauthenticated("b");
    expect(calls).toBe(2);
    expect(store.get()).toEqual({ required: true, reason: "b" });
  });
});
