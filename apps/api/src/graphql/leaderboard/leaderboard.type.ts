import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { JSONScalar } from "../scalars";

@ObjectType({ description: "Strategy minus baseline, paired by seed" })
export class PairedDifference {
  @Field(() => Int, { description: "Seeds present for both" }) n!: number;
  @Field(() => Float) mean!: number;
  @Field(() => Float, { nullable: true, description: "Null for one seed" }) std!: number | null;
  @Field(() => Float, { nullable: true, description: "95% Student-t interval; null for one seed" }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
}

@ObjectType()
export class ThresholdReach {
  @Field(() => Float) threshold!: number;
  @Field(() => Float, { nullable: true, description: "Mean first step at which the metric reached the threshold (rose to it, or fell to it for direction min), over the runs that did" }) meanSteps!: number | null;
  @Field(() => Int, { description: "Seeds that reached it (a seed's replicate runs count once, with their mean step)" }) reached!: number;
}

@ObjectType({
  description:
    "One strategy within one configuration, aggregated over seeds. Runs are pooled only when their specs agree in every setting but strategy, seed, evalInterval and checkpointInterval",
})
export class LeaderboardRow {
  @Field(() => String) strategy!: string;
  @Field(() => String, { description: "Identifies the configuration: rows with the same configId were trained with the same settings" }) configId!: string;
  @Field(() => JSONScalar, { description: "The configuration's settings: the run spec without strategy, seed, evalInterval and checkpointInterval" }) config!: unknown;
  @Field(() => String, { description: 'What sets this configuration apart from the leaderboard\'s others, e.g. "budget.steps 300 · optimizer.lr 0.01"; empty when there is only one' })
  configLabel!: string;
  @Field(() => String) estimator!: string;
  @Field(() => Float) lr!: number;
  @Field(() => Int) batchSize!: number;
  @Field(() => Int, { description: "Seeds: runs of one seed (a clone, a re-run) are replicates, averaged into one observation; runIds lists them all" }) n!: number;
  @Field(() => Float) mean!: number;
  @Field(() => Float, { nullable: true, description: "Sample std over seeds; null for one seed" }) std!: number | null;
  @Field(() => Float) min!: number;
  @Field(() => Float) max!: number;
  @Field(() => Float, { description: "Best value (in the metric's direction) any run reached: its final value, its curve, or the best the worker tracked" }) best!: number;
  @Field(() => PairedDifference, { nullable: true, description: "Null for the baseline itself or without common seeds" }) vsBaseline!: PairedDifference | null;
  @Field(() => [ThresholdReach]) convergence!: ThresholdReach[];
  @Field(() => [ID]) runIds!: string[];
}

@ObjectType()
export class Leaderboard {
  @Field(() => String) task!: string;
  @Field(() => String) preset!: string;
  @Field(() => String, { description: "Key of the runs' final metrics" }) metric!: string;
  @Field(() => String, {
    description: "max: higher is better; min: lower is better (a loss or perplexity): best is the lowest value, thresholds are reached by falling to them",
  })
  direction!: string;
  @Field(() => String, { description: "Metric series the steps-to-threshold are read from" }) curve!: string;
  @Field(() => String) baseline!: string;
  @Field(() => [Float]) thresholds!: number[];
  @Field(() => [LeaderboardRow]) rows!: LeaderboardRow[];
  @Field(() => Int, { description: "Succeeded runs without the metric in their final metrics (left out)" }) missingMetric!: number;
}
