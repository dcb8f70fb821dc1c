import { graphql } from "@/gql";

export const LeaderboardFieldsFragment = graphql(`
  fragment LeaderboardFields on Leaderboard {
    task
    preset
    metric
    direction
    baseline
    curve
    thresholds
    missingMetric
    rows {
      strategy
      configId
      configLabel
      config
      estimator
      lr
      batchSize
      n
      mean
      std
      min
      max
      best
      runIds
      vsBaseline {
        n
        mean
        std
        ciLow
        ciHigh
      }
      convergence {
        threshold
        meanSteps
        reached
      }
    }
  }
`);

export const LeaderboardQuery = graphql(`
  query Leaderboard($task: String!, $preset: String!, $metric: String!) {
    leaderboard(task: $task, preset: $preset, metric: $metric) {
      ...LeaderboardFields
    }
  }
`);

export const LeaderboardUpdatedSubscription = graphql(`
  subscription LeaderboardUpdated($task: String!, $preset: String!, $metric: String!) {
    leaderboardUpdated(task: $task, preset: $preset, metric: $metric) {
      ...LeaderboardFields
    }
  }
`);

/** The API has no list of tasks; the picker offers those of the newest experiments. */
export const LeaderboardChoicesQuery = graphql(`
  query LeaderboardChoices {
    experiments(first: 100) {
      nodes {
        id
        task
        spec
      }
    }
  }
`);
