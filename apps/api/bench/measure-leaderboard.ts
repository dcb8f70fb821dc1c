import { sql } from "drizzle-orm";
import { createRng } from "@orderbench/core/rng";
import { ExperimentSpecSchema, expandGrid } from "@orderbench/core/spec";
import type { Db } from "@orderbench/db/client";
import { insertExperimentWithRuns, insertMetricPoints, type MetricPointInput } from "@orderbench/db/queries";
import { ok } from "../src/test/graphql-client";
import type { BenchServer } from "./bench-server";
import { median } from "./stats";

export interface LeaderboardResult {
  medianMs: number;
  /** The untimed first call, which computes the leaderboard; the API keeps it until a run of the task finishes. */
  firstMs: number;
  calls: number;
  runs: number;
  rows: number;
  curvePoints: number;
}

/** Five strategies, each with a typical exact match; a seed shifts all strategies alike, so pairing by seed matters. */
const STRATEGY_MEANS: Record<string, number> = { plain: 0.6, reverse: 0.5, random: 0.4, "max-mi": 0.8, "min-mi": 0.45 };
/** Runs per seeded experiment: 5 strategies × 100 seeds × 2 learning rates, the API's default grid limit. */
export const RUNS_PER_EXPERIMENT = 1000;
const STEPS = 2000;

/** The query of docs/api.md ("Read the leaderboard"), all fields a dashboard shows. */
const BOARD = `query Board($task: String!, $preset: String!, $metric: String!) {
  leaderboard(task: $task, preset: $preset, metric: $metric) {
    rows { strategy estimator lr batchSize n mean std best
           vsBaseline { n mean ciLow ciHigh } convergence { threshold meanSteps reached } runIds }
  }
}`;

/**
 * leaderboard(task, preset, metric) over `runs` succeeded runs of one task, seeded straight into the
 * database (queued with the db package's insert, then marked succeeded with final metrics and an
 * `eval/exact_match` curve of `curvePoints` evaluations each, what the convergence columns read).
 * The measured calls go through GraphQL over HTTP with a viewer key.
 */
export async function measureLeaderboard(server: BenchServer, db: Db, sizes: { runs: number; curvePoints: number; calls: number }): Promise<LeaderboardResult> {
  if (sizes.runs % RUNS_PER_EXPERIMENT !== 0) throw new RangeError(`leaderboard runs must be a multiple of ${RUNS_PER_EXPERIMENT}, got ${sizes.runs}`);
  const task = "mul:2";
  for (let e = 0; e < sizes.runs / RUNS_PER_EXPERIMENT; e++) await seedExperiment(db, task, e, sizes.curvePoints);

  const variables = { task, preset: "nanogpt", metric: "exact_match" };
  const call = async () => {
    const start = performance.now();
    const data = await ok(server.url, BOARD, variables, server.keys.viewer);
    return { ms: performance.now() - start, rows: data.leaderboard.rows as { n: number }[] };
  };
  const first = await call();
  const counted = first.rows.reduce((s, r) => s + r.n, 0);
  if (counted !== sizes.runs) throw new Error(`the leaderboard counted ${counted} runs, ${sizes.runs} were seeded`);
  const times: number[] = [];
  for (let i = 0; i < sizes.calls; i++) times.push((await call()).ms);
  return { medianMs: median(times), firstMs: first.ms, calls: sizes.calls, runs: sizes.runs, rows: first.rows.length, curvePoints: sizes.curvePoints };
}

async function seedExperiment(db: Db, task: string, index: number, curvePoints: number): Promise<void> {
  const spec = ExperimentSpecSchema.parse({
    name: `bench: leaderboard ${index}`,
    task,
    strategies: Object.keys(STRATEGY_MEANS),
    seeds: 100,
    grid: { lr: [1e-4 * (2 * index + 1), 1e-4 * (2 * index + 2)] },
    budget: { steps: STEPS },
  });
  const { runs } = await insertExperimentWithRuns(db, { spec, runs: expandGrid(spec, { maxRuns: RUNS_PER_EXPERIMENT }) });
  const finals = runs.map((r, i) => {
    const seedEffect = 0.1 * (createRng(r.seed).next() - 0.5);
    const noise = 0.1 * (createRng(index * RUNS_PER_EXPERIMENT + i).next() - 0.5);
    return Math.min(1, Math.max(0, (STRATEGY_MEANS[r.strategy] as number) + seedEffect + noise));
  });
  await db.execute(sql`
    UPDATE runs AS r
    SET status = 'succeeded', attempt = 1, progress = 1, step = ${STEPS}::int, started_at = now() - interval '10 minutes', finished_at = now(),
        final_metrics = jsonb_build_object('exact_match', v.final), best_metric = v.final, best_step = ${STEPS}::int
    FROM unnest(${`{${runs.map((r) => r.id).join(",")}}`}::uuid[], ${`{${finals.join(",")}}`}::double precision[]) AS v(id, final)
    WHERE r.id = v.id`);

  // A saturating curve that ends at the final value: runs above 0.5 or 0.9 reach those thresholds on the way.
  const curve: MetricPointInput[] = [];
  for (const [i, r] of runs.entries()) {
    for (let k = 1; k <= curvePoints; k++) {
      const t = k / curvePoints;
      curve.push({ runId: r.id, name: "eval/exact_match", step: Math.round(t * STEPS), value: ((finals[i] as number) * (1 - Math.exp(-4 * t))) / (1 - Math.exp(-4)) });
    }
  }
  for (let i = 0; i < curve.length; i += 20_000) await insertMetricPoints(db, curve.slice(i, i + 20_000));
}
