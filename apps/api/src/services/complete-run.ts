import { completeRun as completeRunRow } from "@orderbench/db/queries";
import { runs, type Run } from "@orderbench/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { conflict } from "../errors";
import { runEvent } from "../pubsub/events";
import { validateInput } from "../validate-input";
import type { ServiceContext } from "./context";
import { requireHeldRun } from "./held-run";

/** What a worker reports at the end of a run; non-finite final metrics are sent as null. */
const SummarySchema = z.strictObject({
  finalMetrics: z.record(z.string().min(1).max(200), z.number().nullable()),
  bestMetric: z.number().nullable().optional(),
  bestStep: z.int().min(0).nullable().optional(),
  step: z.int().min(0).optional(),
  tokens: z.int().min(0).optional(),
  /** The target permutation the run trained with (plain order indices). */
  permutation: z.array(z.int().min(0)).max(10_000).optional(),
});

export type RunSummaryInput = z.input<typeof SummarySchema>;

/** Marks a run the worker holds as succeeded with its final metrics; its leaderboard changes. */
export async function completeRun(ctx: ServiceContext, input: { workerId: string; runId: string; summary: unknown }): Promise<Run> {
  const summary = validateInput(SummarySchema, input.summary, "summary");
  await requireHeldRun(ctx, input.runId, input.workerId);
  const { permutation, ...rest } = summary;
  let run = await completeRunRow(ctx.db, { runId: input.runId, workerId: input.workerId, ...rest });
  if (!run) throw conflict(`worker ${input.workerId} lost run ${input.runId} before completing it; its result was not recorded`, { field: "runId" });
  if (permutation) {
    const [updated] = await ctx.db.update(runs).set({ permutation }).where(eq(runs.id, run.id)).returning();
    if (updated) run = updated;
  }
  await ctx.pubsub.publish(
    runEvent(run),
    { type: "experiment", experimentId: run.experimentId, deleted: false },
    { type: "leaderboard", task: run.task, preset: run.preset },
    { type: "worker", workerId: input.workerId },
  );
  return run;
}
