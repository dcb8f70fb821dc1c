import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { CheckpointRef, Run } from "../run/run.type";
import { JSONScalar, SafeIntScalar } from "../scalars";
import { Worker } from "./worker.type";

@InputType()
export class RegisterWorkerInput {
  @Field(() => ID, { nullable: true, description: "The id this worker was given before (re-registering after an API restart)" }) id?: string | null;
  @Field(() => String) name!: string;
  @Field(() => String) backend!: string;
  @Field(() => String) device!: string;
  @Field(() => Int) cores!: number;
  @Field(() => Int, { nullable: true }) gpus?: number | null;
  @Field(() => String) version!: string;
}

@ObjectType({ description: "A registered worker and the protocol settings it must follow" })
export class WorkerRegistration {
  @Field(() => Worker) worker!: Worker;
  @Field(() => Float, { description: "Lease of a claimed run; heartbeat well within it (e.g. every third)" }) leaseSeconds!: number;
  @Field(() => Int, { description: "Most points per reportMetrics call" }) maxMetricBatch!: number;
}

@InputType({ description: "What the worker can train; omitted lists mean any" })
export class CapabilitiesInput {
  @Field(() => [String], { nullable: true }) presets?: string[] | null;
  @Field(() => [String], { nullable: true }) tasks?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: "false: no text tasks (glue/…, toxic, goemotions, wikitext-2), for a worker without a data directory; any task when omitted" })
  text?: boolean | null;
  @Field(() => ID, { nullable: true, description: "Only runs of this experiment" }) experimentId?: string | null;
}

@ObjectType({ description: "A run handed to a worker under a lease" })
export class ClaimedRun {
  @Field(() => Run) run!: Run;
  @Field(() => JSONScalar, { description: "The RunSpec to train" }) spec!: unknown;
  @Field(() => CheckpointRef, { nullable: true, description: "Resume from this checkpoint (download it with the checkpoint query)" }) checkpoint!: CheckpointRef | null;
  @Field(() => Float) leaseSeconds!: number;
}

@InputType()
export class RunProgressInput {
  @Field(() => ID) runId!: string;
  @Field(() => Int, { nullable: true }) step?: number | null;
  @Field(() => Float, { nullable: true, description: "Fraction done, 0 to 1" }) progress?: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) tokens?: number | null;
}

@ObjectType()
export class RunHeartbeat {
  @Field(() => ID) runId!: string;
  @Field(() => Boolean, { description: "False: the worker lost the run (lease expired, finished or deleted); stop it" }) held!: boolean;
  @Field(() => Boolean, { description: "Stop the run, then failRun (it ends cancelled) or releaseRun" }) cancelRequested!: boolean;
  @Field(() => Date, { nullable: true }) leaseExpiresAt!: Date | null;
}

@ObjectType()
export class ReportMetricsPayload {
  @Field(() => Int) accepted!: number;
  @Field(() => Int, { description: "Points that were new (a resent point is ignored)" }) inserted!: number;
  @Field(() => Boolean, { description: "The run has a NaN or infinite value and is marked diverged" }) diverged!: boolean;
}

@ObjectType({ description: "A checkpoint with its bytes" })
export class CheckpointData extends CheckpointRef {
  @Field(() => String, { description: "The checkpoint bytes, base64" }) bytesBase64!: string;
}
