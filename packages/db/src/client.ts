import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Db } from "./db";
export type { Db } from "./db";
import { pgliteNotifications, postgresNotifications, type Notifications } from "./notifications";
import * as schema from "./schema/index";

export interface DbConfig {
  /** postgres:// URL: use PostgreSQL through postgres.js. Without it, embedded PGlite. */
  url?: string;
  /** PGlite data directory (default ./.orderbench/pgdata); "memory://" for a throw-away in-memory database. */
  dataDir?: string;
  /** Where checkpoints too large for the database are written (default ./.orderbench/artifacts). */
  artifactDir?: string;
  /** Largest checkpoint stored in the database itself, in bytes (default 8 MiB). */
  maxInlineCheckpointBytes?: number;
  /** postgres.js connection pool size (default 10). */
  poolSize?: number;
  /** Folder of drizzle-kit migrations (default: the repository's drizzle/, found relative to this file). */
  migrationsFolder?: string;
}

export interface DbHandle {
  db: Db;
  dialect: "pglite" | "postgres";
  /** Absolute artifact directory, for save-checkpoint / load-latest-checkpoint / delete-experiment. */
  artifactDir: string;
  maxInlineCheckpointBytes: number;
  notifications: Notifications;
  /** Ends the pool (or closes PGlite); listeners stop. */
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = ".orderbench/pgdata";
export const DEFAULT_ARTIFACT_DIR = ".orderbench/artifacts";
export const DEFAULT_MAX_INLINE_CHECKPOINT_BYTES = 8 * 1024 * 1024;
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../../drizzle", import.meta.url));
/** pg_advisory_lock key that serialises migrations of API instances starting together ("orderbnc"). */
const MIGRATION_LOCK_KEY = 0x6f72_6465_7262_6e63n;

/** Opens the database and brings its schema up to date; nothing happens at import. */
export async function createDb(config: DbConfig = {}): Promise<DbHandle> {
  const migrationsFolder = config.migrationsFolder ?? MIGRATIONS_FOLDER;
  const artifactDir = resolve(config.artifactDir ?? DEFAULT_ARTIFACT_DIR);
  const maxInlineCheckpointBytes = config.maxInlineCheckpointBytes ?? DEFAULT_MAX_INLINE_CHECKPOINT_BYTES;
  if (!Number.isInteger(maxInlineCheckpointBytes) || maxInlineCheckpointBytes < 0) {
    throw new RangeError(`maxInlineCheckpointBytes must be a non-negative integer, got ${maxInlineCheckpointBytes}`);
  }
  const common = { artifactDir, maxInlineCheckpointBytes };

  if (config.url !== undefined) {
    await migratePostgresDatabase(config.url, migrationsFolder);
    // JIT off: the planner cannot estimate the row counts of the series downsampling and leaderboard queries,
    // guesses costs over jit_above_cost, and spent more compiling them (75 to 580 ms, EXPLAIN ANALYZE) than
    // running them; the API's queries are short and interactive, so JIT has nothing to win here.
    const sql = postgres(config.url, { max: config.poolSize ?? 10, onnotice: () => {}, connection: { jit: "off" } });
    const db = drizzlePostgres(sql, { schema });
    return {
      ...common,
      db,
      dialect: "postgres",
      notifications: postgresNotifications(sql),
      close: () => sql.end({ timeout: 5 }),
    };
  }

  const dataDir = config.dataDir ?? DEFAULT_DATA_DIR;
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) mkdirSync(resolve(dataDir), { recursive: true });
  const client = await PGlite.create(inMemory ? dataDir : resolve(dataDir));
  try {
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    return {
      ...common,
      db,
      dialect: "pglite",
      notifications: pgliteNotifications(client),
      close: () => client.close(),
    };
  } catch (e) {
    await client.close();
    throw e;
  }
}

/** Runs migrations on one dedicated connection holding an advisory lock, so concurrent starts take turns. */
async function migratePostgresDatabase(url: string, migrationsFolder: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
    await migratePostgres(drizzlePostgres(sql), { migrationsFolder });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
