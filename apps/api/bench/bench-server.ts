import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { createDb, type DbHandle } from "@orderbench/db/client";
import { createApiKey } from "@orderbench/db/queries";
import { createPostgresDatabase } from "@orderbench/db/testing";
import { apiConfig } from "../src/config";
import { createPubSub } from "../src/pubsub/create-pubsub";
import { createApiServer } from "../src/server";
import { rowsOf } from "./sql-rows";

export type BackendName = "postgres" | "pglite";

export interface BenchServer {
  backend: BackendName;
  /** What the database says it is (SELECT version()), and how it was set up. */
  database: string;
  url: string;
  wsUrl: string;
  handle: DbHandle;
  /** API keys per role: the worker protocol with a worker key, reads with a viewer key, setup as admin. */
  keys: { admin: string; worker: string; viewer: string };
  close(): Promise<void>;
}

/**
 * The API as deployed, in this process on an ephemeral loopback port, with the default configuration and
 * API keys required (the first key ends key-less local use), over a database made for this run and removed
 * after: a fresh PostgreSQL database on the server at `postgresUrl`, or PGlite in a temporary data directory
 * on disk (what `npm start` uses).
 */
export async function startBenchServer(backend: BackendName, postgresUrl: string | undefined): Promise<BenchServer> {
  const dir = await mkdtemp(join(tmpdir(), "orderbench-bench-"));
  const created = backend === "postgres" ? await createPostgresDatabase(requireUrl(postgresUrl)) : null;
  let handle: DbHandle | undefined;
  try {
    handle = await createDb({ artifactDir: join(dir, "artifacts"), ...(created ? { url: created.url } : { dataDir: join(dir, "pgdata") }) });
    const keys = {
      admin: (await createApiKey(handle.db, { name: "bench-admin", role: "admin" })).secret,
      worker: (await createApiKey(handle.db, { name: "bench-worker", role: "worker" })).secret,
      viewer: (await createApiKey(handle.db, { name: "bench-viewer", role: "viewer" })).secret,
    };
    const version = rowsOf<{ version: string }>(await handle.db.execute(sql`SELECT version() AS version`))[0]?.version ?? "unknown";
    const pubsub = await createPubSub(handle);
    const server = await createApiServer(apiConfig({ host: "127.0.0.1", port: 0 }), { db: handle, pubsub, warn: (m) => console.warn(m) });
    const opened = handle;
    return {
      backend,
      database: `${version.split(" on ")[0]}${backend === "pglite" ? " (PGlite, data directory on disk)" : " (local server, fresh database)"}`,
      url: server.url,
      wsUrl: server.wsUrl,
      handle: opened,
      keys,
      async close() {
        await server.close();
        await pubsub.close();
        await opened.close();
        await created?.drop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await handle?.close();
    await created?.drop();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new Error("the postgres backend needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)");
  return url;
}
