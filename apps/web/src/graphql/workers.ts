import { graphql } from "@/gql";

export const WorkerFieldsFragment = graphql(`
  fragment WorkerFields on Worker {
    id
    name
    backend
    device
    cores
    gpus
    version
    createdAt
    lastHeartbeat
    runIds
  }
`);

export const WorkersQuery = graphql(`
  query Workers {
    workers {
      ...WorkerFields
    }
  }
`);

export const WorkerUpdatedSubscription = graphql(`
  subscription WorkerUpdated {
    workerUpdated {
      ...WorkerFields
    }
  }
`);
