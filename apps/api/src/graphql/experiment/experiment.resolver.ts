import { getExperiment, listRuns, type ExperimentSummary } from "@orderbench/db/queries";
import type { Run as RunRow, RunStatus } from "@orderbench/db/schema";
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { mappedStream } from "../../pubsub/event-stream";
import { cancelExperiment } from "../../services/cancel-experiment";
import { createExperiment } from "../../services/create-experiment";
import { deleteExperiment } from "../../services/delete-experiment";
import { listExperiments } from "../../services/list-experiments";
import { tagExperiment } from "../../services/tag-experiment";
import type { GraphQLContext } from "../context";
import { RunStatusEnum } from "../enums";
import { Run } from "../run/run.type";
import { CreateExperimentInput } from "./create-experiment.input";
import { ExperimentFilter } from "./experiment-filter.input";
import { DeleteExperimentPayload, Experiment, ExperimentConnection, ExperimentUpdate } from "./experiment.type";
import { complexity } from "../limits/complexity";

@ArgsType()
class ExperimentsArgs {
  @Field(() => Int, { nullable: true, description: "Page size, 1 to 100 (default 20)" }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => ExperimentFilter, { nullable: true }) filter?: ExperimentFilter | null;
}

@Resolver(() => Experiment)
export class ExperimentResolver {
  @Authorized("viewer")
  @Query(() => ExperimentConnection, { complexity: complexity.page })
  async experiments(@Args(() => ExperimentsArgs) args: ExperimentsArgs, @Ctx() { services }: GraphQLContext): Promise<ExperimentConnection> {
    const page = await listExperiments(services, args);
    return { nodes: page.items as never, pageInfo: { endCursor: page.nextCursor, hasNextPage: page.nextCursor !== null } };
  }

  @Authorized("viewer")
  @Query(() => Experiment, { nullable: true })
  experiment(@Arg("id", () => ID) id: string, @Ctx() { services }: GraphQLContext): Promise<ExperimentSummary | null> {
    return getExperiment(services.db, id);
  }

  @FieldResolver(() => [Run], { complexity: complexity.list, description: "Runs in grid order" })
  runs(@Root() experiment: ExperimentSummary, @Arg("status", () => RunStatusEnum, { nullable: true }) status: RunStatus | null, @Ctx() { services }: GraphQLContext): Promise<RunRow[]> {
    return listRuns(services.db, { experimentId: experiment.id, ...(status && { status: [status] }) });
  }

  @Authorized("researcher")
  @Mutation(() => Experiment, { description: "Validates the spec, expands its grid and queues every run; BAD_USER_INPUT names the field and limit" })
  createExperiment(@Arg("input", () => CreateExperimentInput) input: CreateExperimentInput, @Ctx() { services, principal }: GraphQLContext): Promise<ExperimentSummary> {
    return createExperiment(services, { spec: input.spec, notes: input.notes ?? null, owner: principal.apiKeyName });
  }

  @Authorized("researcher")
  @Mutation(() => Experiment, { description: "Cancels queued runs; running ones stop at their worker's next heartbeat" })
  cancelExperiment(@Arg("id", () => ID) id: string, @Ctx() { services }: GraphQLContext): Promise<ExperimentSummary> {
    return cancelExperiment(services, id);
  }

  @Authorized("researcher")
  @Mutation(() => DeleteExperimentPayload, { description: "Deletes the experiment with its runs, metric points and checkpoints" })
  deleteExperiment(@Arg("id", () => ID) id: string, @Ctx() { services }: GraphQLContext): Promise<DeleteExperimentPayload> {
    return deleteExperiment(services, id);
  }

  @Authorized("researcher")
  @Mutation(() => Experiment, { description: "Adds, then removes tags" })
  tagExperiment(
    @Arg("id", () => ID) id: string,
    @Arg("add", () => [String], { nullable: true }) add: string[] | null,
    @Arg("remove", () => [String], { nullable: true }) remove: string[] | null,
    @Ctx() { services }: GraphQLContext,
  ): Promise<ExperimentSummary> {
    return tagExperiment(services, { experimentId: id, add, remove });
  }

  @Authorized("viewer")
  @Subscription(() => ExperimentUpdate, {
    description: "Every change to experiments (or to one, given its id): created, runs moving, tags, cancelled, deleted",
    subscribe: ({ args, context }) => {
      const { services } = context as GraphQLContext;
      const only = (args as { id?: string | null }).id ?? null;
      return mappedStream(
        services.pubsub,
        (e) => e.type === "experiment" && (only === null || e.experimentId === only),
        async (e) => {
          if (e.type !== "experiment") return undefined;
          const experiment = e.deleted ? null : await getExperiment(services.db, e.experimentId);
          return { id: e.experimentId, deleted: e.deleted || experiment === null, experiment };
        },
      );
    },
  })
  experimentUpdated(@Root() update: ExperimentUpdate, @Arg("id", () => ID, { nullable: true }) _id: string | null): ExperimentUpdate {
    return update;
  }
}
