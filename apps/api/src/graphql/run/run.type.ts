import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { RunStatusEnum } from "../enums";
import { JSONScalar, SafeIntScalar } from "../scalars";

@ObjectType({ description: "A stored checkpoint (download its bytes with the checkpoint query)" })
export class CheckpointRef {
  @Field(() => ID) id!: string;
  @Field(() => ID) runId!: string;
  @Field(() => Int) step!: number;
  @Field(() => SafeIntScalar) sizeBytes!: number;
  @Field(() => String, { description: "Hex SHA-256 of the bytes" }) sha256!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: "What planRun (core/plan.ts) makes of the run's spec: order, MI table, model size, steps" })
export class RunPlan {
  @Field(() => [Int], { description: "Target permutation π: position i of the trained target is plain position π[i]" }) permutation!: number[];
  @Field(() => JSONScalar, { nullable: true, description: "The MI table the order came from (MI strategies only)" }) miTable!: unknown;
  @Field(() => Int) numParams!: number;
  @Field(() => Int) blockSize!: number;
  @Field(() => Int) steps!: number;
  @Field(() => JSONScalar, { description: "{nLayer, nHead, nEmbd}" }) shape!: unknown;
}

@ObjectType({ description: "One training run: a point of its experiment's grid, and its place in the queue" })
export class Run {
  @Field(() => ID) id!: string;
  @Field(() => ID) experimentId!: string;
  @Field(() => Int, { description: "Position in the experiment's grid (queue order)" }) gridIndex!: number;
  @Field(() => String) strategy!: string;
  @Field(() => SafeIntScalar) seed!: number;
  @Field(() => String) task!: string;
  @Field(() => String) preset!: string;
  @Field(() => JSONScalar, { description: "The RunSpec the worker trains" }) spec!: unknown;
  @Field(() => RunStatusEnum) status!: string;
  @Field(() => Int, { description: "Claims so far; a run re-queued after a lost lease is claimed as attempt + 1" }) attempt!: number;
  @Field(() => Int) maxAttempts!: number;
  @Field(() => ID, { nullable: true }) workerId!: string | null;
  @Field(() => Date, { nullable: true }) leaseExpiresAt!: Date | null;
  @Field(() => Boolean) cancelRequested!: boolean;
  @Field(() => Float, { description: "Fraction of the step budget done, 0 to 1" }) progress!: number;
  @Field(() => Int) step!: number;
  @Field(() => SafeIntScalar) tokens!: number;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => JSONScalar, { nullable: true, description: "Final metrics as the worker reports them (exact_match, token_accuracy, loss, …); non-finite values as null" })
  finalMetrics!: unknown;
  @Field(() => Float, { nullable: true }) bestMetric!: number | null;
  @Field(() => Int, { nullable: true }) bestStep!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Boolean, { description: "A metric became NaN or infinite" }) diverged!: boolean;
  @Field(() => Date) queuedAt!: Date;
  @Field(() => Date) createdAt!: Date;
}
