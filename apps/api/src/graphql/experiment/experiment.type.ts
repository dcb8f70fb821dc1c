import { Field, ID, Int, ObjectType } from "type-graphql";
import { RunStatusEnum } from "../enums";
import { JSONScalar } from "../scalars";

@ObjectType({ description: "Runs of an experiment per status" })
export class RunCounts {
  @Field(() => Int) total!: number;
  @Field(() => Int) queued!: number;
  @Field(() => Int) running!: number;
  @Field(() => Int) succeeded!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) cancelled!: number;
}

@ObjectType({ description: "A submitted ExperimentSpec: a grid of runs (strategies × seeds × grid values)" })
export class Experiment {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) task!: string;
  @Field(() => [String]) tags!: string[];
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => String, { nullable: true, description: "Name of the API key that created it; null for local use" }) owner!: string | null;
  @Field(() => RunStatusEnum, { description: "Derived from the runs: running if any runs, else queued if any is queued, else failed, succeeded, cancelled" })
  status!: string;
  @Field(() => RunCounts) runCounts!: RunCounts;
  @Field(() => JSONScalar, { description: "The validated ExperimentSpec with defaults filled in" }) spec!: unknown;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page" }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@ObjectType({ description: "A page of experiments, newest first (keyset pagination: inserts never shift pages)" })
export class ExperimentConnection {
  @Field(() => [Experiment]) nodes!: Experiment[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType()
export class DeleteExperimentPayload {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: "Runs deleted with it" }) runs!: number;
}

@ObjectType({ description: "An experiment changed (runs moved, tags, …) or was deleted; `experiment` is null once deleted" })
export class ExperimentUpdate {
  @Field(() => ID) id!: string;
  @Field(() => Boolean) deleted!: boolean;
  @Field(() => Experiment, { nullable: true }) experiment!: Experiment | null;
}
