import { graphql } from "@/gql";

/** A cell of the run grid; also the payload of `runUpdated`. */
export const RunCellFragment = graphql(`
  fragment RunCell on Run {
    id
    experimentId
    gridIndex
    strategy
    seed
    preset
    status
    progress
    step
    tokens
    attempt
    maxAttempts
    cancelRequested
    diverged
    error
    declinedBackends
    declineReason
    bestMetric
    bestStep
    finalMetrics
    spec
    startedAt
    finishedAt
    worker {
      id
      name
      backend
      device
    }
  }
`);

export const ExperimentQuery = graphql(`
  query Experiment($id: ID!) {
    experiment(id: $id) {
      ...ExperimentRow
      notes
      runs {
        ...RunCell
      }
    }
  }
`);

export const ExperimentUpdatedSubscription = graphql(`
  subscription ExperimentUpdated($id: ID!) {
    experimentUpdated(id: $id) {
      id
      deleted
      experiment {
        ...ExperimentRow
      }
    }
  }
`);

export const RunUpdatedSubscription = graphql(`
  subscription RunUpdated($experimentId: ID!) {
    runUpdated(experimentId: $experimentId) {
      ...RunCell
    }
  }
`);

export const CancelRunMutation = graphql(`
  mutation CancelRun($id: ID!) {
    cancelRun(id: $id) {
      ...RunCell
    }
  }
`);

export const RetryRunMutation = graphql(`
  mutation RetryRun($id: ID!, $fromScratch: Boolean) {
    retryRun(id: $id, fromScratch: $fromScratch) {
      ...RunCell
    }
  }
`);
