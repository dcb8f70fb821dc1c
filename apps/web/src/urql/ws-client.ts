import { createClient, type Client } from "graphql-ws";
import type { ConnectionStore } from "./connection-store";

/** The API closes a connection it will not accept with 4401 (no or bad key) or 4403; retrying cannot help. */
const REFUSED = new Set([4401, 4403]);
/** A ping the API does not answer within this time means the socket is dead (a network drop sends no close). */
const PONG_TIMEOUT_MS = 5_000;

function describe(event: unknown): string {
  if (event && typeof event === "object" && "code" in event) {
    const { code, reason } = event as { code: number; reason?: string };
    return reason ? `${reason} (close code ${code})` : `close code ${code}`;
  }
  return event instanceof Error ? event.message : "the connection failed";
}

/**
 * One eager WebSocket per browser tab, reconnecting forever with capped exponential back-off; its
 * lifecycle feeds the connection store. Subscriptions survive a reconnect: graphql-ws subscribes them again.
 * `authorization` (the stored API key as "Bearer …") goes with every connection.
 */
export function createLiveClient(url: string, store: ConnectionStore, authorization?: string): Client {
  let socket: WebSocket | null = null;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  return createClient({
    url,
    // The API reads the key from connectionParams.authorization (docs/api.md).
    connectionParams: authorization ? { authorization } : {},
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** retries) * (0.75 + Math.random() / 2))),
    shouldRetry: (event) => !(event && typeof event === "object" && "code" in event && REFUSED.has((event as { code: number }).code)),
    onNonLazyError: (event) => store.refused(describe(event)),
    on: {
      connecting: () => store.connecting(),
      connected: (s, _payload, wasRetry) => {
        socket = s as WebSocket;
        store.connected(wasRetry);
      },
      closed: (event) => {
        socket = null;
        clearTimeout(pongTimer);
        store.closed(describe(event));
      },
      ping: (received) => {
        if (received) return;
        pongTimer = setTimeout(() => {
          if (socket?.readyState === WebSocket.OPEN) socket.close(4408, "the API stopped answering pings");
        }, PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });
}
