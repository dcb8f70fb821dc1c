/**
 * The state of the browser's one WebSocket to the API, as an external store for useSyncExternalStore: the
 * banner shows it, and pages refetch their queries when `reconnects` grows (events sent while the socket
 * was down are not replayed; metric streams resume by themselves, see resume.ts).
 */
export type LinkState = "connecting" | "connected" | "down" | "refused";

export interface ConnectionSnapshot {
  state: LinkState;
  /** Successful reconnections since the page loaded. */
  reconnects: number;
  /** Why the socket closed last, for the banner. */
  reason: string | null;
  /** Date.now() when the socket went down; null while connected. */
  downSince: number | null;
  url: string;
}

export interface ConnectionStore {
  get(): ConnectionSnapshot;
  subscribe(listener: () => void): () => void;
  connecting(): void;
  connected(wasRetry: boolean): void;
  closed(reason: string): void;
  /** The API refused the connection for good (e.g. an API key is required): no more retries. */
  refused(reason: string): void;
}

export function createConnectionStore(url: string, now: () => number = Date.now): ConnectionStore {
  let snapshot: ConnectionSnapshot = { state: "connecting", reconnects: 0, reason: null, downSince: null, url };
  const listeners = new Set<() => void>();
  const set = (next: Partial<ConnectionSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const l of listeners) l();
  };
  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connecting() {
      // A retry keeps showing "down" until it succeeds, so the banner does not flicker.
      if (snapshot.state === "connected") set({ state: "connecting" });
    },
    connected(wasRetry) {
      set({ state: "connected", reason: null, downSince: null, reconnects: snapshot.reconnects + (wasRetry ? 1 : 0) });
    },
    closed(reason) {
      if (snapshot.state === "refused") return;
      set({ state: "down", reason, downSince: snapshot.downSince ?? now() });
    },
    refused(reason) {
      set({ state: "refused", reason, downSince: snapshot.downSince ?? now() });
    },
  };
}
