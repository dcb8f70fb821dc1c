import { z } from "zod";
import { parseEnvironment } from "@orderbench/core/env";
import { DEFAULT_API_CONFIG, type ApiConfig } from "./config";
import type { DbConfig } from "@orderbench/db/client";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const positive = z.coerce.number().positive();

/** The API's environment, parsed once at start (STYLE.md 2); a bad value stops it with the variable's name. */
const EnvSchema = z.object({
  /** PostgreSQL URL; without it, embedded PGlite in ORDERBENCH_PGLITE_DIR. */
  DATABASE_URL: z.url().optional(),
  ORDERBENCH_PGLITE_DIR: z.string().min(1).optional(),
  ORDERBENCH_ARTIFACT_DIR: z.string().min(1).optional(),
  ORDERBENCH_MAX_INLINE_CHECKPOINT_BYTES: int(0, 2 ** 31).optional(),
  ORDERBENCH_API_HOST: z.string().min(1).default(DEFAULT_API_CONFIG.host),
  ORDERBENCH_API_PORT: int(0, 65535).default(DEFAULT_API_CONFIG.port),
  ORDERBENCH_AUTH: z.enum(["auto", "required", "off"]).default("auto"),
  /** "1": at start, when no API key exists, create an admin key and print it once. */
  ORDERBENCH_BOOTSTRAP_ADMIN_KEY: z.enum(["0", "1"]).default("0"),
  ORDERBENCH_MAX_RUNS: int(1, 1_000_000).default(DEFAULT_API_CONFIG.maxRuns),
  ORDERBENCH_MAX_ATTEMPTS: int(1, 100).default(DEFAULT_API_CONFIG.maxAttempts),
  ORDERBENCH_LEASE_SECONDS: positive.default(DEFAULT_API_CONFIG.leaseSeconds),
  ORDERBENCH_SWEEP_INTERVAL_MS: int(10, 3_600_000).optional(),
  ORDERBENCH_MAX_BODY_BYTES: int(1024, 2 ** 31).default(DEFAULT_API_CONFIG.maxBodyBytes),
  ORDERBENCH_MAX_WORKER_BODY_BYTES: int(1024, 2 ** 31).default(DEFAULT_API_CONFIG.maxWorkerBodyBytes),
  ORDERBENCH_MAX_METRIC_BATCH: int(1, 6553).default(DEFAULT_API_CONFIG.maxMetricBatch),
  ORDERBENCH_MAX_DEPTH: int(2, 100).default(DEFAULT_API_CONFIG.maxDepth),
  ORDERBENCH_MAX_ALIASES: int(0, 1000).default(DEFAULT_API_CONFIG.maxAliases),
  ORDERBENCH_MAX_COST: int(10, 100_000_000).default(DEFAULT_API_CONFIG.maxCost),
  ORDERBENCH_MAX_SERIES_RUNS: int(1, 10_000).default(DEFAULT_API_CONFIG.maxSeriesRuns),
  ORDERBENCH_MAX_SERIES_POINTS: int(3, 1_000_000).default(DEFAULT_API_CONFIG.maxSeriesPoints),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseEnvironment(EnvSchema, source);
}

export function apiConfigFromEnv(env: Env): ApiConfig {
  return {
    ...DEFAULT_API_CONFIG,
    host: env.ORDERBENCH_API_HOST,
    port: env.ORDERBENCH_API_PORT,
    auth: env.ORDERBENCH_AUTH,
    maxRuns: env.ORDERBENCH_MAX_RUNS,
    maxAttempts: env.ORDERBENCH_MAX_ATTEMPTS,
    leaseSeconds: env.ORDERBENCH_LEASE_SECONDS,
    // A third of the lease, at most 5 s: a dead worker's run is back in the queue soon after its lease ends.
    sweepIntervalMs: env.ORDERBENCH_SWEEP_INTERVAL_MS ?? Math.min(5000, Math.max(10, Math.round((env.ORDERBENCH_LEASE_SECONDS * 1000) / 3))),
    maxBodyBytes: env.ORDERBENCH_MAX_BODY_BYTES,
    maxWorkerBodyBytes: env.ORDERBENCH_MAX_WORKER_BODY_BYTES,
    maxMetricBatch: env.ORDERBENCH_MAX_METRIC_BATCH,
    maxDepth: env.ORDERBENCH_MAX_DEPTH,
    maxAliases: env.ORDERBENCH_MAX_ALIASES,
    maxCost: env.ORDERBENCH_MAX_COST,
    maxSeriesRuns: env.ORDERBENCH_MAX_SERIES_RUNS,
    maxSeriesPoints: env.ORDERBENCH_MAX_SERIES_POINTS,
  };
}

export function dbConfigFromEnv(env: Env): DbConfig {
  return {
    ...(env.DATABASE_URL && { url: env.DATABASE_URL }),
    ...(env.ORDERBENCH_PGLITE_DIR && { dataDir: env.ORDERBENCH_PGLITE_DIR }),
    ...(env.ORDERBENCH_ARTIFACT_DIR && { artifactDir: env.ORDERBENCH_ARTIFACT_DIR }),
    ...(env.ORDERBENCH_MAX_INLINE_CHECKPOINT_BYTES !== undefined && { maxInlineCheckpointBytes: env.ORDERBENCH_MAX_INLINE_CHECKPOINT_BYTES }),
  };
}
