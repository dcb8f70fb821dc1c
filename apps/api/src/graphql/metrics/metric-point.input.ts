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

@InputType({
  description:
    "A batch of points as columns: point i is (names[i], steps[i], values[i], nonFinite[i], wallTimes[i]), so every list has one item per point. " +
    "The same points as MetricPointInput, cheaper for the server to read in large batches (what apps/worker sends)",
})
export class MetricColumnsInput {
  @Field(() => [String]) names!: string[];
  @Field(() => [Int]) steps!: number[];
  @Field(() => [Float], { nullable: "items", description: "Null where the value is NaN or infinite (nonFinite says which)" }) values!: (number | null)[];
  @Field(() => [NonFiniteEnum], { nullable: "itemsAndList", description: "Omitted when every value is finite; else null for each finite value" })
  nonFinite?: (NonFinite | null)[] | null;
  @Field(() => [Date], { nullable: true, description: "When each point was measured; omitted: when the batch arrives" }) wallTimes?: Date[] | null;
}
