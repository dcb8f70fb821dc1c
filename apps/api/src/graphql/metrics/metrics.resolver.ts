import { Arg, Authorized, Ctx, ID, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import { getMetricSeries, type MetricSeriesOut } from "../../services/get-metric-series";
import { streamRunMetrics, type MetricBatch as MetricBatchOut } from "../../services/stream-run-metrics";
import type { GraphQLContext } from "../context";
import { MetricBatch, MetricSeries } from "./metric-series.type";
import { complexity } from "../limits/complexity";

@Resolver()
export class MetricsResolver {
  @Authorized("viewer")
  @Query(() => [MetricSeries], { complexity: complexity.series, description: "Curves of several runs, each downsampled to at most maxPoints (default 1000)" })
  metricSeries(
    @Arg("runIds", () => [ID]) runIds: string[],
    @Arg("names", () => [String], { nullable: true, description: "All the runs' metrics when omitted" }) names: string[] | null,
    @Arg("maxPoints", () => Int, { nullable: true }) maxPoints: number | null,
    @Ctx() { services }: GraphQLContext,
  ): Promise<MetricSeriesOut[]> {
    return getMetricSeries(services, { runIds, names, maxPoints });
  }

  @Authorized("viewer")
  @Subscription(() => MetricBatch, {
    description:
      "A run's points with step > sinceStep: the stored ones first, then live ones, none lost or repeated in between. " +
      "Completes after the last point once the run has finished. Reconnect with sinceStep = the last step received.",
    subscribe: ({ args, context }) => {
      const { runId, sinceStep } = args as { runId: string; sinceStep?: number | null };
      return streamRunMetrics((context as GraphQLContext).services, { runId, sinceStep: sinceStep ?? null });
    },
  })
  runMetrics(
    @Root() batch: MetricBatchOut,
    @Arg("runId", () => ID) _runId: string,
    @Arg("sinceStep", () => Int, { nullable: true, description: "Only points after this step (default: all)" }) _sinceStep: number | null,
  ): MetricBatchOut {
    return batch;
  }
}
