import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import type { NonFinite } from "../../services/metric-values";
import { NonFiniteEnum } from "../enums";

@ObjectType({ description: "One scalar of a run's curve" })
export class MetricPoint {
  @Field(() => String) name!: string;
  @Field(() => Int) step!: number;
  @Field(() => Float, { nullable: true, description: "Null when the value is NaN or infinite (see nonFinite)" }) value!: number | null;
  @Field(() => NonFiniteEnum, { nullable: true }) nonFinite!: NonFinite | null;
  @Field(() => Date) wallTime!: Date;
}

@ObjectType({ description: "A run's curve of one metric, downsampled on the server" })
export class MetricSeries {
  @Field(() => ID) runId!: string;
  @Field(() => String) name!: string;
  @Field(() => Int, { description: "Points stored, before downsampling" }) total!: number;
  @Field(() => [MetricPoint], { description: "In step order: per bucket the min, max and last point; the series' last point is always kept" })
  points!: MetricPoint[];
}

@ObjectType({ description: "New points of a run, in step order; each (name, step) is sent once per subscription" })
export class MetricBatch {
  @Field(() => ID) runId!: string;
  @Field(() => [MetricPoint]) points!: MetricPoint[];
}
