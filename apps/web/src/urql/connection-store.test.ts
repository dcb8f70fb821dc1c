import { describe, expect, it } from "vitest";
import { createConnectionStore } from "./connection-store";

describe("connection store", () => {
  it("goes down on close, stays down through retries, and counts reconnections", () => {
    let t = 1000;
    const s = createConnectionStore("ws://x/graphql", () => t);
    const seen: string[] = [];
    s.subscribe(() => seen.push(s.get().state));
    s.connected(false);
    s.closed("close code 1006");
    t = 2000;
    s.connecting();
    s.closed("close code 1006");
    expect(s.get()).toMatchObject({ state: "down", downSince: 1000, reason: "close code 1006", reconnects: 0 });
    s.connected(true);
    expect(s.get()).toMatchObject({ state: "connected", downSince: null, reconnects: 1 });
    expect(seen).toEqual(["connected", "down", "down", "connected"]);
  });

  it("stays refused once the API refused the connection", () => {
    const s = createConnectionStore("ws://x/graphql");
    s.refused("UNAUTHENTICATED: API key required (close code 4401)");
    s.closed("close code 4401");
    expect(s.get().state).toBe("refused");
  });
});
