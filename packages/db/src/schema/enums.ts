import { pgEnum } from "drizzle-orm/pg-core";

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** Statuses a run never leaves on its own; only retry-run moves it back to `queued`. */
export const TERMINAL_RUN_STATUSES = ["succeeded", "failed", "cancelled"] as const satisfies readonly RunStatus[];

export const API_KEY_ROLES = ["viewer", "researcher", "worker", "admin"] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export const runStatus = pgEnum("run_status", RUN_STATUSES);
export const apiKeyRole = pgEnum("api_key_role", API_KEY_ROLES);
