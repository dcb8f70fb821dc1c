import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { createDb, type DbConfig, type DbHandle } from "../client";

/**
 * Throw-away databases for tests (this package's, and the API's integration tests): an in-memory PGlite, or
 * a fresh `ob_test_<random>` database on a PostgreSQL server, each with its own temporary artifact directory.
 */
export interface TestDatabase extends DbHandle {
  /** The database's own URL (PostgreSQL) — open more handles on it to play several API instances. */
  url: string | null;
  /** Empties every table, between tests. */
  reset(): Promise<void>;
  /** Closes the handle, drops the database and removes the artifact directory. */
  drop(): Promise<void>;
}

export type TestBackend = { name: "pglite" } | { name: "postgres"; serverUrl: string };

/** PGlite always; PostgreSQL as well when a server URL is given. */
export function testBackends(serverUrl: string | null | undefined): TestBackend[] {
  return serverUrl ? [{ name: "pglite" }, { name: "postgres", serverUrl }] : [{ name: "pglite" }];
}

export async function openTestDatabase(backend: TestBackend, config: Omit<DbConfig, "url" | "dataDir" | "artifactDir"> = {}): Promise<TestDatabase> {
  const artifactDir = await mkdtemp(join(tmpdir(), "orderbench-artifacts-"));
  const created = backend.name === "postgres" ? await createPostgresDatabase(backend.serverUrl) : null;
  let handle: DbHandle;
  try {
    handle = await createDb({ ...config, artifactDir, ...(created ? { url: created.url } : { dataDir: "memory://" }) });
  } catch (e) {
    await created?.drop();
    await rm(artifactDir, { recursive: true, force: true });
    throw e;
  }
  return {
    ...handle,
    url: created?.url ?? null,
    async reset() {
      await handle.db.execute(sql`TRUNCATE experiments, runs, metric_points, checkpoints, workers, api_keys, mi_analyses CASCADE`);
    },
    async drop() {
      await handle.close();
      await created?.drop();
      await rm(artifactDir, { recursive: true, force: true });
    },
  };
}

/** CREATE DATABASE ob_test_<random> on the server; drop() removes it even with connections still open. */
export async function createPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ob_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}
