import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/** A GraphQL response as a client sees it. */
export interface Response<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> & { code?: string } }[];
}

/** POST /graphql with plain fetch, as any script would. */
export async function gql<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, key?: string): Promise<Response<T>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key && { authorization: `Bearer ${key}` }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** The data of a response that must have succeeded; throws with its errors otherwise. */
export async function ok<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, key?: string): Promise<T> {
  const r = await gql<T>(url, query, variables, key);
  if (r.errors?.length || !r.data) throw new Error(`GraphQL request failed (${r.status}): ${JSON.stringify(r.errors)}`);
  return r.data;
}

export function wsClient(wsUrl: string, key?: string): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
  });
}

/** A subscription's results as an async iterator (graphql-ws's own iterate()). */
export function subscribe<T = Record<string, any>>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  return client.iterate<T>({ query, variables });
}

/** Pulls results until `done` says so (or the subscription completes), leaving the subscription open for more. */
export async function collectUntil<T>(iterator: AsyncIterableIterator<{ data?: T | null; errors?: readonly unknown[] }>, done: (items: T[]) => boolean): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const result = await iterator.next();
    if (result.done) return items;
    if (result.value.errors) throw new Error(`subscription error: ${JSON.stringify(result.value.errors)}`);
    items.push(result.value.data as T);
    if (done(items)) return items;
  }
}

/**
 * Waits until a subscription is live on the server: calls `poke` (a request that publishes an event the
 * subscription sees) until the first result arrives, and returns that result. The iterator goes on after it.
 */
export async function whenLive<T>(iterator: AsyncIterableIterator<{ data?: T | null; errors?: readonly unknown[] }>, poke: () => Promise<unknown>): Promise<T> {
  const first = iterator.next();
  let settled = false;
  void first.finally(() => (settled = true)).catch(() => {});
  while (!settled) {
    await poke();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const result = await first;
  if (result.done) throw new Error("subscription ended before its first result");
  if (result.value.errors) throw new Error(`subscription error: ${JSON.stringify(result.value.errors)}`);
  return result.value.data as T;
}

/** The first error of a subscription, whether sent as an execution result or as a graphql-ws error message. */
export async function firstError(iterator: AsyncIterableIterator<{ errors?: readonly unknown[] }>): Promise<{ message: string; extensions?: Record<string, unknown> }> {
  try {
    const result = await iterator.next();
    const error = result.done ? undefined : result.value.errors?.[0];
    if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
    return error as { message: string; extensions?: Record<string, unknown> };
  } catch (e) {
    if (Array.isArray(e) && e[0]) return e[0] as { message: string; extensions?: Record<string, unknown> };
    throw e;
  }
}
