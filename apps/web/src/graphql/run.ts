import { graphql } from "@/gql";

export const CheckpointFieldsFragment = graphql(`
  fragment CheckpointFields on CheckpointRef {
    id
    step
    sizeBytes
    sha256
    createdAt
  }
`);

/** Everything the run page shows but the curves (metricSeries and runMetrics). */
export const RunQuery = graphql(`
  query Run($id: ID!) {
    run(id: $id) {
      ...RunCell
      task
      tokens
      queuedAt
      createdAt
      leaseExpiresAt
      permutation
      worker {
        id
        name
        backend
        device
        cores
        gpus
        version
        lastHeartbeat
      }
      plan {
        taskKind
        metric {
          name
          direction
          label
          percent
        }
        orderable
        orderReason
        permutation
        miTable
        numParams
        blockSize
        steps
        shape
      }
      checkpoints {
        ...CheckpointFields
      }
      experiment {
        id
        name
        spec
      }
    }
  }
`);

/** A run's checkpoints again, read when it moves on (a new checkpoint brings no event of its own). */
export const RunCheckpointsQuery = graphql(`
  query RunCheckpoints($id: ID!) {
    run(id: $id) {
      id
      checkpoints {
        ...CheckpointFields
      }
    }
  }
`);

/** What the compare page shows of a run. */
export const CompareRunQuery = graphql(`
  query CompareRun($id: ID!) {
    run(id: $id) {
      ...RunCell
      experiment {
        id
        name
        task
      }
    }
  }
`);

/** Experiments and their runs to add to a comparison. */
export const CompareChoicesQuery = graphql(`
  query CompareChoices {
    experiments(first: 50) {
      nodes {
        id
        name
        task
        createdAt
      }
    }
  }
`);

export const ExperimentRunsQuery = graphql(`
  query ExperimentRuns($id: ID!) {
    runs(experimentId: $id) {
      id
      strategy
      seed
      status
      gridIndex
      spec
    }
  }
`);

/** Who the API takes the dashboard's requests for; UNAUTHENTICATED when it needs a key. */
export const MeQuery = graphql(`
  query Me {
    me {
      role
      via
      apiKey {
        name
      }
    }
  }
`);
