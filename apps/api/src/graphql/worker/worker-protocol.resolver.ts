import type { CheckpointInfo } from "@orderbench/db/queries";
import type { Run as RunRow } from "@orderbench/db/schema";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { badInput } from "../../errors";
import { claimRun, type ClaimedRun as ClaimedRunOut } from "../../services/claim-run";
import { completeRun } from "../../services/complete-run";
import { failRun } from "../../services/fail-run";
import { getCheckpoint } from "../../services/get-checkpoint";
import { heartbeat } from "../../services/heartbeat";
import { declineRun } from "../../services/decline-run";
import { registerWorker } from "../../services/register-worker";
import { releaseRun } from "../../services/release-run";
import { reportCheckpoint } from "../../services/report-checkpoint";
import { reportMetrics } from "../../services/report-metrics";
import type { GraphQLContext } from "../context";
import { MetricColumnsInput, MetricPointInput } from "../metrics/metric-point.input";
import { CheckpointRef, Run } from "../run/run.type";
import { JSONScalar } from "../scalars";
import { complexity } from "../limits/complexity";
import {
  CapabilitiesInput,
  CheckpointData,
  ClaimedRun,
  RegisterWorkerInput,
  ReportMetricsPayload,
  RunHeartbeat,
  RunProgressInput,
  WorkerRegistration,
} from "./worker-protocol.types";

/**
 * The worker protocol (worker and admin keys). A worker registers once, then claims runs, heartbeats them
 * within the lease, reports metrics and checkpoints, and ends each run with completeRun, failRun,
 * releaseRun or declineRun. Every call names the worker; a call on a run the worker does not hold is a CONFLICT.
 */
@Resolver()
export class WorkerProtocolResolver {
  @Authorized("worker")
  @Mutation(() => WorkerRegistration)
  async registerWorker(@Arg("input", () => RegisterWorkerInput) input: RegisterWorkerInput, @Ctx() { services }: GraphQLContext): Promise<WorkerRegistration> {
    const worker = await registerWorker(services, input as never);
    return { worker: { ...worker, runIds: [] }, leaseSeconds: services.config.leaseSeconds, maxMetricBatch: services.config.maxMetricBatch };
  }

  @Authorized("worker")
  @Mutation(() => ClaimedRun, { nullable: true, description: "The oldest queued run this worker can train, under a lease; null when the queue has none" })
  claimRun(
    @Arg("workerId", () => ID) workerId: string,
    @Arg("capabilities", () => CapabilitiesInput, { nullable: true }) capabilities: CapabilitiesInput | null,
    @Ctx() { services }: GraphQLContext,
  ): Promise<ClaimedRunOut | null> {
    return claimRun(services, { workerId, capabilities: capabilities as never });
  }

  @Authorized("worker")
  @Mutation(() => [RunHeartbeat], { description: "Extends the leases of the runs this worker holds; answers held and cancelRequested per run" })
  heartbeat(
    @Arg("workerId", () => ID) workerId: string,
    @Arg("runIds", () => [ID]) runIds: string[],
    @Arg("progress", () => [RunProgressInput], { nullable: true }) progress: RunProgressInput[] | null,
    @Ctx() { services }: GraphQLContext,
  ): Promise<RunHeartbeat[]> {
    return heartbeat(services, { workerId, runIds, progress });
  }

  @Authorized("worker")
  @Mutation(() => ReportMetricsPayload, { description: "Stores a batch of points (at most maxMetricBatch), sent as points or as columns; resending is harmless" })
  reportMetrics(
    @Arg("workerId", () => ID) workerId: string,
    @Arg("runId", () => ID) runId: string,
    @Arg("points", () => [MetricPointInput], { nullable: true, description: "The batch as a list of points; or send columns" }) points: MetricPointInput[] | null,
    @Arg("columns", () => MetricColumnsInput, { nullable: true, description: "The batch as columns, one item per point in each; or send points" }) columns: MetricColumnsInput | null,
    @Ctx() { services }: GraphQLContext,
  ): Promise<ReportMetricsPayload> {
    return reportMetrics(services, { workerId, runId, points, columns });
  }

  @Authorized("worker")
  @Mutation(() => CheckpointRef, { description: "Stores a checkpoint (base64) and makes it the run's resume point" })
  reportCheckpoint(
    @Arg("workerId", () => ID) workerId: string,
    @Arg("runId", () => ID) runId: string,
    @Arg("step", () => Int) step: number,
    @Arg("bytesBase64", () => String) bytesBase64: string,
    @Ctx() { services }: GraphQLContext,
  ): Promise<CheckpointInfo> {
    return reportCheckpoint(services, { workerId, runId, step, bytesBase64 });
  }

  @Authorized("worker")
  @Mutation(() => Run, { description: "summary: {finalMetrics: {name: number|null}, bestMetric?, bestStep?, step?, tokens?, permutation?}" })
  completeRun(
    @Arg("workerId", () => ID) workerId: string,
    @Arg("runId", () => ID) runId: string,
    @Arg("summary", () => JSONScalar) summary: unknown,
    @Ctx() { services }: GraphQLContext,
  ): Promise<RunRow> {
    return completeRun(services, { workerId, runId, summary });
  }

  @Authorized("worker")
  @Mutation(() => Run, { description: "Ends the run with an error; diverged: the loss became NaN/Infinity. A run with a cancel request ends cancelled" })
  failRun(
    @Arg("workerId", () => ID) workerId: string,
    @Arg("runId", () => ID) runId: string,
    @Arg("error", () => String) error: string,
    @Arg("diverged", () => Boolean, { nullable: true }) diverged: boolean | null,
    @Ctx() { services }: GraphQLContext,
  ): Promise<RunRow> {
    return failRun(services, { workerId, runId, error, diverged });
  }

  @Authorized("worker")
  @Mutation(() => Run, {
    description:
      "Gives back a held run this worker's backend cannot train (e.g. a model beyond the wasm heap): it is queued again, not failed, and only workers of other backends are handed it; the reason shows on the run",
  })
  declineRun(
    @Arg("workerId", () => ID) workerId: string,
    @Arg("runId", () => ID) runId: string,
    @Arg("reason", () => String) reason: string,
    @Ctx() { services }: GraphQLContext,
  ): Promise<RunRow> {
    return declineRun(services, { workerId, runId, reason });
  }

  @Authorized("worker")
  @Mutation(() => Run, { description: "Gives a held run back to the queue (a worker shutting down); the next worker resumes it from its checkpoint" })
  releaseRun(@Arg("workerId", () => ID) workerId: string, @Arg("runId", () => ID) runId: string, @Ctx() { services }: GraphQLContext): Promise<RunRow> {
    return releaseRun(services, { workerId, runId });
  }

  @Authorized("worker")
  @Query(() => CheckpointData, { complexity: complexity.heavy, description: "A checkpoint's bytes; worker keys must name the worker holding its run" })
  async checkpoint(
    @Arg("id", () => ID) id: string,
    @Arg("workerId", () => ID, { nullable: true }) workerId: string | null,
    @Ctx() { services, principal }: GraphQLContext,
  ): Promise<CheckpointData> {
    if (principal.role === "worker" && !workerId) throw badInput("workerId", "workerId is required with a worker key: a worker may read checkpoints of runs it holds");
    const { bytes, ...ref } = await getCheckpoint(services, { checkpointId: id, workerId });
    return { ...ref, bytesBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64") };
  }
}
