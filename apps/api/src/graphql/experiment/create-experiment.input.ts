import { Field, InputType } from "type-graphql";
import { JSONScalar } from "../scalars";

@InputType()
export class CreateExperimentInput {
  @Field(() => JSONScalar, {
    description: "An ExperimentSpec (core/spec.ts), e.g. {name, task: \"mul:2\", strategies: [\"plain\", \"max-mi\"], seeds: 3, budget: {steps: 2000}}",
  })
  spec!: unknown;

  @Field(() => String, { nullable: true }) notes?: string | null;
}
