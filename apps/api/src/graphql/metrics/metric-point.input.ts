import { Field, Float, InputType, Int } from "type-graphql";
import type { NonFinite } from "../../services/metric-values";
import { NonFiniteEnum } from "../enums";

@InputType({ description: "A finite value goes in `value`; NaN/±Infinity as value: null with `nonFinite` (JSON cannot carry them)" })
export class MetricPointInput {
  @Field(() => String) name!: string;
  @Field(() => Int) step!: number;
  @Field(() => Float, { nullable: true }) value?: number | null;
  @Field(() => NonFiniteEnum, { nullable: true }) nonFinite?: NonFinite | null;
  @Field(() => Date, { nullable: true, description: "When it was measured; default: when the batch arrives" }) wallTime?: Date | null;
}
