"use client";

import { cacheExchange, createClient, fetchExchange, mapExchange, ssrExchange, subscriptionExchange, UrqlProvider, type Exchange } from "@urql/next";
import type { Client as WsClient } from "graphql-ws";
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { authorizationFor, createAuthStore, readApiKey, unauthenticatedMessage, type AuthSnapshot, type AuthStore } from "./auth";
import { createConnectionStore, type ConnectionSnapshot, type ConnectionStore } from "./connection-store";
import { advanceResumePoint } from "./resume";
import { createLiveClient } from "./ws-client";

/** The browser's path to the API over HTTP: a same-origin pass-through (app/api/graphql/route.ts). */
const BROWSER_HTTP_PATH = "/api/graphql";

let live: { url: string; key: string | null; ws: WsClient; store: ConnectionStore; auth: AuthStore } | undefined;

/**
 * One WebSocket per tab, opened on first use in the browser (never during server rendering), with the API
 * key stored when the page loaded (saving another key reloads the page).
 */
function liveConnection(url: string) {
  const key = readApiKey(window.localStorage);
  if (!live || live.url !== url || live.key !== key) {
    live?.ws.terminate();
    const store = createConnectionStore(url);
    live = { url, key, store, auth: live?.auth ?? createAuthStore(), ws: createLiveClient(url, store, authorizationFor(key)) };
  }
  return live;
}

function wsExchange(ws: WsClient): Exchange {
  return subscriptionExchange({
    forwardSubscription(request) {
      // A copy graphql-ws keeps and re-sends on reconnect; advanceResumePoint moves runMetrics' sinceStep.
      const payload = { ...request, query: request.query ?? "", variables: { ...(request.variables as Record<string, unknown> | undefined) } };
      return {
        subscribe(sink) {
          const dispose = ws.subscribe(payload, {
            next(result) {
              advanceResumePoint(payload, result.data);
              sink.next(result as Parameters<typeof sink.next>[0]);
            },
            error: (err) => sink.error(err),
            complete: () => sink.complete(),
          });
          return { unsubscribe: dispose };
        },
      };
    },
  });
}

const serverSnapshot: ConnectionSnapshot = { state: "connecting", reconnects: 0, reason: null, downSince: null, url: "" };
const serverStore: ConnectionStore = {
  get: () => serverSnapshot,
  subscribe: () => () => {},
  connecting() {},
  connected() {},
  closed() {},
  refused() {},
};

const ConnectionContext = createContext<ConnectionStore>(serverStore);

export function useConnection(): ConnectionSnapshot {
  const store = useContext(ConnectionContext);
  return useSyncExternalStore(store.subscribe, store.get, () => serverSnapshot);
}

const noAuth: AuthSnapshot = { required: false, reason: null };
const serverAuthStore: AuthStore = { get: () => noAuth, subscribe: () => () => {}, unauthenticated() {} };
const AuthContext = createContext<AuthStore>(serverAuthStore);

/** Whether the API has answered UNAUTHENTICATED on this page (the key field then shows by itself). */
export function useAuthRequired(): AuthSnapshot {
  const store = useContext(AuthContext);
  return useSyncExternalStore(store.subscribe, store.get, () => noAuth);
}

/**
 * Notes UNAUTHENTICATED answers of queries and mutations in the auth store. A stale result is one the server
 * rendered without the browser's key and the browser is reading again with it: its answer does not count.
 */
function authWatchExchange(auth: AuthStore): Exchange {
  return mapExchange({
    onResult(result) {
      if (result.stale) return;
      const reason = unauthenticatedMessage(result.error);
      if (reason) auth.unauthenticated(reason);
    },
  });
}

/**
 * urql for the whole app. On the server (rendering client components) queries go straight to the API and
 * their results are streamed into the page by @urql/next's ssrExchange; in the browser queries and
 * mutations go through the same-origin pass-through and subscriptions over the WebSocket, both with the
 * API key stored in the browser, if any (auth.ts).
 */
export function ApiProvider({ apiUrl, wsUrl, children }: { apiUrl: string; wsUrl: string; children: ReactNode }) {
  const inBrowser = typeof window !== "undefined";
  const connection = inBrowser ? liveConnection(wsUrl) : null;
  const [client, ssr] = useMemo(() => {
    const authorization = authorizationFor(connection?.key ?? null);
    // The server renders without the browser's key: with one stored, what it rendered is shown, then read again.
    const ssr = ssrExchange({ isClient: inBrowser, staleWhileRevalidate: authorization !== undefined });
    // The auth watch sits above the ssr exchange, so it also sees what the server rendered.
    const exchanges: Exchange[] = [cacheExchange];
    if (connection) exchanges.push(authWatchExchange(connection.auth));
    exchanges.push(ssr, fetchExchange);
    if (connection) exchanges.push(wsExchange(connection.ws));
    const client = createClient({
      url: inBrowser ? BROWSER_HTTP_PATH : apiUrl,
      exchanges,
      suspense: true,
      requestPolicy: "cache-and-network",
      // POST only: Apollo's CSRF prevention refuses a GET without a preflight header.
      preferGetMethod: false,
      ...(authorization && { fetchOptions: { headers: { authorization } } }),
    });
    return [client, ssr] as const;
  }, [apiUrl, inBrowser, connection]);
  return (
    <ConnectionContext.Provider value={connection?.store ?? serverStore}>
      <AuthContext.Provider value={connection?.auth ?? serverAuthStore}>
        <UrqlProvider client={client} ssr={ssr}>
          {children}
        </UrqlProvider>
      </AuthContext.Provider>
    </ConnectionContext.Provider>
  );
}
