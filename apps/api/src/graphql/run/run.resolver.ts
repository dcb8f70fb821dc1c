import { resolveModelShape } from "@orderbench/core/spec";
import { getExperiment, getRun, listRuns, type ExperimentSummary, type WorkerWithRuns } from "@orderbench/db/queries";
import type { Run as RunRow, RunStatus } from "@orderbench/db/schema";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { mappedStream } from "../../pubsub/event-stream";
import { cancelRun } from "../../services/cancel-run";
import { getMetricSeries, type MetricSeriesOut } from "../../services/get-metric-series";
import { getPlanFacts, getRunPlan } from "../../services/get-run-plan";
import { dataRequired } from "../../errors";
import { getWorker } from "../../services/get-worker";
import { latestCheckpointRef, listCheckpointRefs, type CheckpointRef as CheckpointRefRow } from "../../services/latest-checkpoint";
import { retryRun } from "../../services/retry-run";
import type { GraphQLContext } from "../context";
import { RunStatusEnum } from "../enums";
import { Experiment } from "../experiment/experiment.type";
import { MetricSeries } from "../metrics/metric-series.type";
import { Worker } from "../worker/worker.type";
import { CheckpointRef, Run, RunPlan } from "./run.type";
import { complexity } from "../limits/complexity";

@Resolver(() => Run)
export class RunResolver {
  @Authorized("viewer")
  @Query(() => [Run], { complexity: complexity.list, description: "Runs of an experiment in grid order, optionally of one status" })
  runs(
    @Arg("experimentId", () => ID) experimentId: string,
    @Arg("status", () => RunStatusEnum, { nullable: true }) status: RunStatus | null,
    @Ctx() { services }: GraphQLContext,
  ): Promise<RunRow[]> {
    return listRuns(services.db, { experimentId, ...(status && { status: [status] }) });
  }

  @Authorized("viewer")
  @Query(() => Run, { nullable: true })
  run(@Arg("id", () => ID) id: string, @Ctx() { services }: GraphQLContext): Promise<RunRow | null> {
    return getRun(services.db, id);
  }

  @FieldResolver(() => Experiment)
  async experiment(@Root() run: RunRow, @Ctx() { services }: GraphQLContext): Promise<ExperimentSummary> {
    const experiment = await getExperiment(services.db, run.experimentId);
    if (!experiment) throw new Error(`run ${run.id} has no experiment ${run.experimentId}`);
    return experiment;
  }

  @FieldResolver(() => Worker, { nullable: true, description: "The worker that holds the run, or ran it last" })
  worker(@Root() run: RunRow, @Ctx() { services }: GraphQLContext): Promise<WorkerWithRuns | null> | null {
    return run.workerId ? getWorker(services, run.workerId) : null;
  }

  @FieldResolver(() => [Int], {
    nullable: true,
    complexity: complexity.heavy,
    description: "The target permutation it trains with: as the worker reported it, else as planned (null for a text run no worker has reported yet)",
  })
  permutation(@Root() run: RunRow, @Ctx() { services }: GraphQLContext): number[] | null {
    if (run.permutation) return run.permutation;
    return getPlanFacts(services, run.spec).ref.kind === "arithmetic" ? getRunPlan(services, run.spec).permutation : null;
  }

  @FieldResolver(() => RunPlan, { complexity: complexity.heavy, description: "The run's plan: permutation, MI table, parameter count, steps, primary metric (computed by core, cached)" })
  plan(@Root() run: RunRow, @Ctx() { services }: GraphQLContext): RunPlan {
    const facts = getPlanFacts(services, run.spec);
    const known = { taskKind: facts.ref.kind, metric: facts.metric, orderable: facts.orderable, orderReason: facts.orderReason, shape: resolveModelShape(run.spec.model) };
    if (facts.ref.kind === "arithmetic") {
      const plan = getRunPlan(services, run.spec);
      return { ...known, permutation: plan.permutation, miTable: plan.miTable ?? null, numParams: plan.numParams, blockSize: plan.blockSize, steps: plan.steps };
    }
    // A text plan: each field that needs the dataset is a DATA_REQUIRED error of its own (the fields
    // asked for that are known still resolve); the permutation once a worker reported it.
    const task = facts.ref.name;
    const needsData = (field: keyof RunPlan, what: string) => ({
      get: () => {
        throw dataRequired(`plan.${field}`, task, what);
      },
      enumerable: true,
    });
    return Object.defineProperties(
      { ...known, ...(run.permutation ? { permutation: run.permutation } : {}) },
      {
        ...(run.permutation ? {} : { permutation: needsData("permutation", "the order (MI on the training split), reported by the worker once it runs") }),
        miTable: needsData("miTable", "the MI table"),
        numParams: needsData("numParams", "the parameter count (vocabulary size)"),
        blockSize: needsData("blockSize", "the block size (the target's length under the tokenizer)"),
        steps: needsData("steps", "the step budget (the block size)"),
      },
    ) as RunPlan;
  }

  @FieldResolver(() => CheckpointRef, { nullable: true, description: "The newest checkpoint, which a resumed run starts from" })
  checkpoint(@Root() run: RunRow, @Ctx() { services }: GraphQLContext): Promise<CheckpointRefRow | null> {
    return latestCheckpointRef(services.db, run.id);
  }

  @FieldResolver(() => [CheckpointRef], { description: "The stored checkpoints, newest first: the API keeps the newest few per run" })
  checkpoints(@Root() run: RunRow, @Ctx() { services }: GraphQLContext): Promise<CheckpointRefRow[]> {
    return listCheckpointRefs(services.db, run.id);
  }

  @FieldResolver(() => [MetricSeries], { complexity: complexity.series, description: "The run's metric curves, downsampled to maxPoints each" })
  metrics(
    @Root() run: RunRow,
    @Arg("names", () => [String], { nullable: true }) names: string[] | null,
    @Arg("maxPoints", () => Int, { nullable: true }) maxPoints: number | null,
    @Ctx() { services }: GraphQLContext,
  ): Promise<MetricSeriesOut[]> {
    return getMetricSeries(services, { runIds: [run.id], names, maxPoints });
  }

  @Authorized("researcher")
  @Mutation(() => Run, { description: "Cancels a queued run at once; a running one stops at its worker's next heartbeat" })
  cancelRun(@Arg("id", () => ID) id: string, @Ctx() { services }: GraphQLContext): Promise<RunRow> {
    return cancelRun(services, id);
  }

  @Authorized("researcher")
  @Mutation(() => Run, { description: "Queues a failed or cancelled run again; it resumes from its checkpoint unless fromScratch" })
  retryRun(
    @Arg("id", () => ID) id: string,
    @Arg("fromScratch", () => Boolean, { nullable: true }) fromScratch: boolean | null,
    @Ctx() { services }: GraphQLContext,
  ): Promise<RunRow> {
    return retryRun(services, { runId: id, fromScratch });
  }

  @Authorized("viewer")
  @Subscription(() => Run, {
    description: "Runs of an experiment (or every run) as they change: claimed, progress, finished, re-queued",
    subscribe: ({ args, context }) => {
      const { services } = context as GraphQLContext;
      const only = (args as { experimentId?: string | null }).experimentId ?? null;
      return mappedStream(
        services.pubsub,
        (e) => e.type === "run" && (only === null || e.experimentId === only),
        async (e) => (e.type === "run" ? ((await getRun(services.db, e.runId)) ?? undefined) : undefined),
      );
    },
  })
  runUpdated(@Root() run: RunRow, @Arg("experimentId", () => ID, { nullable: true }) _experimentId: string | null): RunRow {
    return run;
  }
}
