/**
 * The dashboard's API key: kept in the browser's localStorage and sent as the API reads it (apps/api's
 * authenticate.ts): `Authorization: Bearer ob_…` on HTTP, through the same-origin pass-through, and as
 * `connectionParams.authorization` when the WebSocket opens. The auth store records that the API asked
 * for a key (an UNAUTHENTICATED answer, or the WebSocket closed with 4401), which shows the key field.
 */
export const API_KEY_STORAGE = "orderbench.apiKey";

type KeyStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The stored key, or null (also where storage is unavailable, e.g. blocked by the browser). */
export function readApiKey(storage: KeyStorage | undefined): string | null {
  try {
    const key = storage?.getItem(API_KEY_STORAGE)?.trim();
    return key ? key : null;
  } catch {
    return null;
  }
}

/** Stores the key; an empty one removes it. */
export function writeApiKey(storage: KeyStorage, key: string | null): void {
  const k = key?.trim();
  if (k) storage.setItem(API_KEY_STORAGE, k);
  else storage.removeItem(API_KEY_STORAGE);
}

/** The Authorization header's value for a key. */
export function authorizationFor(key: string | null): string | undefined {
  return key ? `Bearer ${key}` : undefined;
}

/** A hint for a key that cannot be one the API issued (its secrets start with ob_); null when it may be. */
export function keyShapeProblem(key: string): string | null {
  const k = key.trim();
  if (k === "") return null;
  if (/^bearer\s/i.test(k)) return 'enter the key alone, without "Bearer"';
  if (/\s/.test(k)) return "an API key has no spaces";
  if (!k.startsWith("ob_")) return "API keys start with ob_";
  return null;
}

interface ErrorLike {
  graphQLErrors?: readonly { message?: string; extensions?: Record<string, unknown> }[];
  response?: { status?: number } | unknown;
}

/** The message of an UNAUTHENTICATED answer (HTTP 401 or extensions.code), or null for any other result. */
export function unauthenticatedMessage(error: ErrorLike | undefined | null): string | null {
  if (!error) return null;
  const e = error.graphQLErrors?.find((g) => g.extensions?.code === "UNAUTHENTICATED");
  if (e) return e.message ?? "the API requires an API key";
  const status = (error.response as { status?: number } | undefined)?.status;
  return status === 401 ? "the API requires an API key" : null;
}

/** The API closes a WebSocket it will not accept with 4401 (no or unknown key) or 4403. */
export function refusedForKey(reason: string | null): boolean {
  return reason !== null && /close code 440[13]\)?$/.test(reason);
}

export interface AuthSnapshot {
  /** The API answered UNAUTHENTICATED: a key is needed, or the stored one is not accepted. */
  required: boolean;
  reason: string | null;
}

export interface AuthStore {
  get(): AuthSnapshot;
  subscribe(listener: () => void): () => void;
  unauthenticated(reason: string): void;
}

export function createAuthStore(): AuthStore {
  let snapshot: AuthSnapshot = { required: false, reason: null };
  const listeners = new Set<() => void>();
  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    unauthenticated(reason) {
      if (snapshot.required && snapshot.reason === reason) return;
      snapshot = { required: true, reason };
      for (const l of listeners) l();
    },
  };
}
