import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { JSONScalar, SafeIntScalar } from "../scalars";

@ObjectType({ description: "Estimated information about the source in one target position (nats)" })
export class MiPosition {
  @Field(() => Int, { description: "Target position in plain order" }) position!: number;
  @Field(() => Float, { description: "Estimated H(y_i)" }) entropy!: number;
  @Field(() => Float, { description: "What max-mi/min-mi order by" }) score!: number;
  @Field(() => Float, { nullable: true, description: "plugin-pairwise: Σ_j I(s_j; y_i)" }) sum?: number | null;
  @Field(() => Float, { nullable: true, description: "plugin-pairwise: max_j I(s_j; y_i)" }) max?: number | null;
  @Field(() => [Int], { nullable: true, description: "Source positions behind the score" }) sources?: number[] | null;
}

@ObjectType({ description: "Per-position MI of a task's training split (computed once, then cached in the database)" })
export class MiAnalysis {
  @Field(() => ID) id!: string;
  @Field(() => String) task!: string;
  @Field(() => String) estimator!: string;
  @Field(() => Int) k!: number;
  @Field(() => SafeIntScalar) dataSeed!: number;
  @Field(() => Int, { description: "Training examples used" }) n!: number;
  @Field(() => [MiPosition]) positions!: MiPosition[];
  @Field(() => JSONScalar, { description: "The whole table as core's MiTable" }) table!: unknown;
  @Field(() => Boolean, { description: "Computed by this request (false: read from the cache)" }) computed!: boolean;
  @Field(() => Date) updatedAt!: Date;
}
