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

@ObjectType({ description: "The metric a run is judged by (its best, the leaderboard, compare): core/plan.ts PrimaryMetric" })
export class PrimaryMetric {
  @Field(() => String, { description: "Stored name: the key in finalMetrics and the eval/<name> series (exact_match, score, perplexity)" }) name!: string;
  @Field(() => String, { description: "max: higher is better; min: lower is better (perplexity)" }) direction!: string;
  @Field(() => String, { description: "What the value is, for tables: exact match, accuracy, mean(f1, accuracy), microF1, fair perplexity" }) label!: string;
  @Field(() => Boolean, { description: "Shown ×100 (accuracies, F1, correlations); otherwise as is (perplexity)" }) percent!: boolean;
}

@ObjectType({
  description:
    "What core makes of the run's spec: order, MI table, model size, steps, primary metric. A text task's order and size come from its dataset, which the API does not read: those fields are null with a DATA_REQUIRED error (permutation: the one the worker reported, once it has)",
})
export class RunPlan {
  @Field(() => String, { description: "arithmetic, glue, multi-label or generation" }) taskKind!: string;
  @Field(() => PrimaryMetric) metric!: PrimaryMetric;
  @Field(() => Boolean, { nullable: true, description: "False where every strategy trains the same sequence; null where only the data can tell (GLUE under gpt2-bpe)" })
  orderable!: boolean | null;
  @Field(() => String, { nullable: true, description: "Why strategies can or cannot differ" }) orderReason!: string | null;
  @Field(() => [Int], { nullable: true, description: "Target permutation π: position i of the trained target is plain position π[i]" }) permutation!: number[] | null;
  @Field(() => JSONScalar, { nullable: true, description: "The MI table the order came from (MI strategies only)" }) miTable!: unknown;
  @Field(() => Int, { nullable: true }) numParams!: number | null;
  @Field(() => Int, { nullable: true }) blockSize!: number | null;
  @Field(() => Int, { nullable: true }) steps!: number | null;
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
  @Field(() => [String], { description: "Backends whose workers gave the run back as beyond them (declineRun); only workers of other backends are handed it" })
  declinedBackends!: string[];
  @Field(() => String, { nullable: true, description: "Why the last declining worker could not train the run" }) declineReason!: string | null;
  @Field(() => Date) queuedAt!: Date;
  @Field(() => Date) createdAt!: Date;
}
