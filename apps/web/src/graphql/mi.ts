import { graphql } from "@/gql";

/** A task's per-position MI table for one estimator; the API computes it on first request, then caches it. */
export const MiAnalysisQuery = graphql(`
  query MiAnalysis($task: String!, $estimator: String!, $k: Int!, $dataSeed: SafeInt!) {
    miAnalysis(task: $task, estimator: $estimator, k: $k, dataSeed: $dataSeed) {
      id
      task
      estimator
      k
      dataSeed
      n
      table
      computed
    }
  }
`);

/** The MI table a run's order came from, with the order (the runs of an experiment share the table). */
export const RunMiTableQuery = graphql(`
  query RunMiTable($id: ID!) {
    run(id: $id) {
      id
      strategy
      plan {
        permutation
        miTable
      }
    }
  }
`);
