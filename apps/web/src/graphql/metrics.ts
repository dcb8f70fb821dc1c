import { graphql } from "@/gql";

/** Stored curves, downsampled by the API (min, max and last point per bucket). */
export const MetricHistoryQuery = graphql(`
  query MetricHistory($runIds: [ID!]!, $names: [String!], $maxPoints: Int) {
    metricSeries(runIds: $runIds, names: $names, maxPoints: $maxPoints) {
      runId
      name
      total
      points {
        step
        value
      }
    }
  }
`);

/** New points of a running run after `sinceStep`; the exchange advances `sinceStep` as batches arrive. */
export const RunMetricsSubscription = graphql(`
  subscription RunMetrics($runId: ID!, $sinceStep: Int) {
    runMetrics(runId: $runId, sinceStep: $sinceStep) {
      runId
      points {
        name
        step
        value
        nonFinite
      }
    }
  }
`);
