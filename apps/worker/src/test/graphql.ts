import { createServer, type Server } from "node:http";
import { createClient } from "graphql-ws/client";
import WebSocket from "ws";

/** POST /graphql as any script would; the data, or an error carrying the response's errors. */
export async function gql<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL request failed (HTTP ${res.status}): ${JSON.stringify(body.errors)}\n${query}`);
  return body.data;
}

/** Polls `probe` until it returns something other than undefined/false; the last value goes into the error. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    last = v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface StreamedPoint {
  name: string;
  step: number;
  value: number | null;
}

/** A `runMetrics` subscription over graphql-ws, collecting every batch; it ends when the server completes or drops it. */
export interface MetricsSubscription {
  readonly batches: StreamedPoint[][];
  points(): StreamedPoint[];
  /** Largest step received so far (sinceStep for a reconnect); -1 before any point. */
  lastStep(): number;
  /** "complete" when the server ended it (the run finished), else the error or close that ended it. */
  readonly ended: Promise<"complete" | { error: string }>;
  onBatch(listener: (batch: StreamedPoint[]) => void): void;
  close(): void;
}

export function subscribeRunMetrics(wsUrl: string, runId: string, sinceStep?: number): MetricsSubscription {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  const batches: StreamedPoint[][] = [];
  const listeners: ((b: StreamedPoint[]) => void)[] = [];
  let end: (v: "complete" | { error: string }) => void = () => {};
  const ended = new Promise<"complete" | { error: string }>((resolve) => (end = resolve));
  const unsubscribe = client.subscribe<{ runMetrics: { points: StreamedPoint[] } }>(
    {
      query: `subscription Follow($runId: ID!, $sinceStep: Int) { runMetrics(runId: $runId, sinceStep: $sinceStep) { points { name step value } } }`,
      variables: { runId, ...(sinceStep !== undefined && { sinceStep }) },
    },
    {
      next: (result) => {
        if (result.errors) return end({ error: JSON.stringify(result.errors) });
        const batch = result.data?.runMetrics.points ?? [];
        batches.push(batch);
        for (const l of listeners) l(batch);
      },
      error: (e) => end({ error: e instanceof Error ? e.message : JSON.stringify(e, ["code", "reason", "message"]) }),
      complete: () => end("complete"),
    },
  );
  return {
    batches,
    points: () => batches.flat(),
    lastStep: () => Math.max(-1, ...batches.flat().map((p) => p.step)),
    ended,
    onBatch: (l) => void listeners.push(l),
    close() {
      unsubscribe();
      void client.dispose();
    },
  };
}

/** One request a worker made and what the API answered. */
export interface Exchange {
  /** The operation's first field: claimRun, heartbeat, reportMetrics, reportCheckpoint, checkpoint, … */
  field: string;
  variables: Record<string, any>;
  status: number;
  response: { data?: Record<string, any> | null; errors?: unknown[] } | null;
}

/**
 * An HTTP proxy in front of the API that records every GraphQL request of the worker behind it, so a
 * test can see what the worker sent (its protocol traffic) without looking inside it.
 */
export interface Recorder {
  url: string;
  exchanges: Exchange[];
  /** Exchanges of one field that the API answered without errors. */
  ok(field: string): Exchange[];
  /** Called with each exchange as it is recorded, before the worker gets the answer. */
  onExchange(listener: (e: Exchange) => void): void;
  close(): Promise<void>;
}

export const accepted = (e: Exchange): boolean => e.status === 200 && !e.response?.errors?.length;

export async function startRecorder(target: string): Promise<Recorder> {
  const exchanges: Exchange[] = [];
  const listeners: ((e: Exchange) => void)[] = [];
  const record = (e: Exchange): void => {
    exchanges.push(e);
    for (const l of listeners) l(e);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = JSON.parse(raw) as { query: string; variables?: Record<string, any> };
      const field = /^\s*(?:query|mutation)\s*\w*\s*(?:\([^)]*\))?\s*\{\s*(\w+)/.exec(body.query)?.[1] ?? "?";
      fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: raw }).then(
        async (upstream) => {
          const text = await upstream.text();
          let response = null;
          try {
            response = JSON.parse(text);
          } catch {}
          record({ field, variables: body.variables ?? {}, status: upstream.status, response });
          res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
          res.end(text);
        },
        (e: unknown) => {
          record({ field, variables: body.variables ?? {}, status: 502, response: null });
          res.writeHead(502, { "content-type": "text/plain" });
          res.end(`upstream unreachable: ${(e as Error).message}`);
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("recorder has no port");
  return {
    url: `http://127.0.0.1:${address.port}/graphql`,
    exchanges,
    ok: (field) => exchanges.filter((e) => e.field === field && accepted(e)),
    onExchange: (l) => void listeners.push(l),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
