import type { Db } from "@orderbench/db/client";
import type { RunPlan } from "@orderbench/core/plan";
import type { ApiConfig } from "../config";
import type { PubSub } from "../pubsub/pubsub";
import type { CachedLeaderboard } from "./get-leaderboard";

/** What every use-case takes first (STYLE.md 5): built once in createApiServer, shared by all requests. */
export interface ServiceContext {
  db: Db;
  pubsub: PubSub;
  config: ApiConfig;
  /** Checkpoint storage of the database handle. */
  storage: { artifactDir: string; maxInlineBytes: number };
  /** planRun results by spec (MI estimation can take a second); bounded, per process. */
  plans: Map<string, RunPlan>;
  /** Leaderboards by their arguments, with the fingerprint of the runs they were computed from (get-leaderboard.ts). */
  leaderboards: Map<string, CachedLeaderboard>;
}
