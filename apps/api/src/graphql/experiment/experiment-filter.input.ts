import type { RunStatus } from "@orderbench/db/schema";
import { Field, InputType } from "type-graphql";
import { RunStatusEnum } from "../enums";

@InputType({ description: "All given filters must match" })
export class ExperimentFilter {
  @Field(() => String, { nullable: true }) task?: string | null;
  @Field(() => RunStatusEnum, { nullable: true }) status?: RunStatus | null;
  @Field(() => String, { nullable: true }) tag?: string | null;
  @Field(() => String, { nullable: true, description: "Case-insensitive substring of the name" }) search?: string | null;
}
