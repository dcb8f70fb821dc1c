import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./auth-checker";
import { ApiKeyResolver } from "./auth/api-key.resolver";
import { ExperimentResolver } from "./experiment/experiment.resolver";
import { LeaderboardResolver } from "./leaderboard/leaderboard.resolver";
import { MetricsResolver } from "./metrics/metrics.resolver";
import { MiAnalysisResolver } from "./mi/mi-analysis.resolver";
import { RunResolver } from "./run/run.resolver";
import { WorkerProtocolResolver } from "./worker/worker-protocol.resolver";
import { WorkerResolver } from "./worker/worker.resolver";

/**
 * The executable schema. Inputs are validated by the services with core's zod schemas (so messages match the
 * CLI), hence type-graphql's class-validator integration is off.
 */
export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [ExperimentResolver, RunResolver, MetricsResolver, LeaderboardResolver, MiAnalysisResolver, WorkerResolver, WorkerProtocolResolver, ApiKeyResolver],
    authChecker,
    validate: false,
    // Every @Subscription brings its own `subscribe` over our PubSub (pubsub/); type-graphql still insists on
    // one of its own, which must never be used.
    pubSub: {
      publish: () => {
        throw new Error("type-graphql's pubSub is not used; publish through the API's PubSub");
      },
      subscribe: () => {
        throw new Error("type-graphql's pubSub is not used; every subscription has its own subscribe function");
      },
    },
  });
}

/** The committed contract (packages/client/schema.graphql): sorted, so it changes only when the schema does. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
