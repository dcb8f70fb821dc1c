import { graphql } from "@/gql";

/** What a row of the experiments list shows; also the payload of `experimentUpdated`. */
export const ExperimentRowFragment = graphql(`
  fragment ExperimentRow on Experiment {
    id
    name
    task
    status
    tags
    owner
    createdAt
    updatedAt
    spec
    runCounts {
      total
      queued
      running
      succeeded
      failed
      cancelled
    }
  }
`);

export const ExperimentsQuery = graphql(`
  query Experiments($first: Int, $after: String, $filter: ExperimentFilter) {
    experiments(first: $first, after: $after, filter: $filter) {
      nodes {
        ...ExperimentRow
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const ExperimentsUpdatedSubscription = graphql(`
  subscription ExperimentsUpdated {
    experimentUpdated {
      id
      deleted
      experiment {
        ...ExperimentRow
      }
    }
  }
`);

export const CreateExperimentMutation = graphql(`
  mutation CreateExperiment($input: CreateExperimentInput!) {
    createExperiment(input: $input) {
      id
      runs {
        id
      }
    }
  }
`);

export const CancelExperimentMutation = graphql(`
  mutation CancelExperiment($id: ID!) {
    cancelExperiment(id: $id) {
      ...ExperimentRow
    }
  }
`);

/** The experiment "Clone" starts from: its stored spec prefills the new-experiment form. */
export const CloneSourceQuery = graphql(`
  query CloneSource($id: ID!) {
    experiment(id: $id) {
      id
      name
      notes
      spec
    }
  }
`);
