import type { RunPlan as CoreRunPlan } from "@orderbench/core/plan";
import { getExperiment, getRun, listRuns, type ExperimentSummary, type WorkerWithRuns } from "@orderbench/db/queries";
import type { Run as RunRow, RunStatus } from "@orderbench/db/schema";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { mappedStream } from "../../pubsub/event-stream";
import { cancelRun } from "../../services/cancel-run";
import { getMetricSeries, type MetricSeriesOut } from "../../services/get-metric-series";
import { getRunPlan } from "../../services/get-run-plan";
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

  @FieldResolver(() => [Int], { nullable: true, complexity: complexity.heavy, description: "The target permutation it trains with: as the worker reported it, else as planned" })
  permutation(@Root() run: RunRow, @Ctx() { services }: GraphQLContext): number[] | null {
    return run.permutation ?? getRunPlan(services, run.spec).permutation;
  }

  @FieldResolver(() => RunPlan, { complexity: complexity.heavy, description: "The run's plan: permutation, MI table, parameter count, steps (computed by core, cached)" })
  plan(@Root() run: RunRow, @Ctx() { services }: GraphQLContext): Omit<CoreRunPlan, "miTable"> & { miTable: unknown } {
    const plan = getRunPlan(services, run.spec);
    return { ...plan, miTable: plan.miTable ?? null };
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
