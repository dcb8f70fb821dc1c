import { listWorkers, type WorkerWithRuns } from "@orderbench/db/queries";
import { Authorized, Ctx, Query, Resolver, Root, Subscription } from "type-graphql";
import { mappedStream } from "../../pubsub/event-stream";
import { getWorker } from "../../services/get-worker";
import type { GraphQLContext } from "../context";
import { Worker } from "./worker.type";
import { complexity } from "../limits/complexity";

@Resolver(() => Worker)
export class WorkerResolver {
  @Authorized("viewer")
  @Query(() => [Worker], { complexity: complexity.list, description: "Registered workers, most recently heard from first" })
  workers(@Ctx() { services }: GraphQLContext): Promise<WorkerWithRuns[]> {
    return listWorkers(services.db);
  }

  @Authorized("viewer")
  @Subscription(() => Worker, {
    description: "A worker registered, claimed or finished a run",
    subscribe: ({ context }) => {
      const { services } = context as GraphQLContext;
      return mappedStream(
        services.pubsub,
        (e) => e.type === "worker",
        async (e) => (e.type === "worker" ? ((await getWorker(services, e.workerId)) ?? undefined) : undefined),
      );
    },
  })
  workerUpdated(@Root() worker: WorkerWithRuns): WorkerWithRuns {
    return worker;
  }
}
