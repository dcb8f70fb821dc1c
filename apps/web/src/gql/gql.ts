/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment RunCell on Run {\n    id\n    experimentId\n    gridIndex\n    strategy\n    seed\n    preset\n    status\n    progress\n    step\n    tokens\n    attempt\n    maxAttempts\n    cancelRequested\n    diverged\n    error\n    declinedBackends\n    declineReason\n    bestMetric\n    bestStep\n    finalMetrics\n    spec\n    startedAt\n    finishedAt\n    worker {\n      id\n      name\n      backend\n      device\n    }\n  }\n": typeof types.RunCellFragmentDoc,
    "\n  query Experiment($id: ID!) {\n    experiment(id: $id) {\n      ...ExperimentRow\n      notes\n      runs {\n        ...RunCell\n      }\n    }\n  }\n": typeof types.ExperimentDocument,
    "\n  subscription ExperimentUpdated($id: ID!) {\n    experimentUpdated(id: $id) {\n      id\n      deleted\n      experiment {\n        ...ExperimentRow\n      }\n    }\n  }\n": typeof types.ExperimentUpdatedDocument,
    "\n  subscription RunUpdated($experimentId: ID!) {\n    runUpdated(experimentId: $experimentId) {\n      ...RunCell\n    }\n  }\n": typeof types.RunUpdatedDocument,
    "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      ...RunCell\n    }\n  }\n": typeof types.CancelRunDocument,
    "\n  mutation RetryRun($id: ID!, $fromScratch: Boolean) {\n    retryRun(id: $id, fromScratch: $fromScratch) {\n      ...RunCell\n    }\n  }\n": typeof types.RetryRunDocument,
    "\n  fragment ExperimentRow on Experiment {\n    id\n    name\n    task\n    status\n    tags\n    owner\n    createdAt\n    updatedAt\n    spec\n    runCounts {\n      total\n      queued\n      running\n      succeeded\n      failed\n      cancelled\n    }\n  }\n": typeof types.ExperimentRowFragmentDoc,
    "\n  query Experiments($first: Int, $after: String, $filter: ExperimentFilter) {\n    experiments(first: $first, after: $after, filter: $filter) {\n      nodes {\n        ...ExperimentRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ExperimentsDocument,
    "\n  subscription ExperimentsUpdated {\n    experimentUpdated {\n      id\n      deleted\n      experiment {\n        ...ExperimentRow\n      }\n    }\n  }\n": typeof types.ExperimentsUpdatedDocument,
    "\n  mutation CreateExperiment($input: CreateExperimentInput!) {\n    createExperiment(input: $input) {\n      id\n      runs {\n        id\n      }\n    }\n  }\n": typeof types.CreateExperimentDocument,
    "\n  mutation CancelExperiment($id: ID!) {\n    cancelExperiment(id: $id) {\n      ...ExperimentRow\n    }\n  }\n": typeof types.CancelExperimentDocument,
    "\n  query CloneSource($id: ID!) {\n    experiment(id: $id) {\n      id\n      name\n      notes\n      spec\n    }\n  }\n": typeof types.CloneSourceDocument,
    "\n  fragment LeaderboardFields on Leaderboard {\n    task\n    preset\n    metric\n    direction\n    baseline\n    curve\n    thresholds\n    missingMetric\n    rows {\n      strategy\n      configId\n      configLabel\n      config\n      estimator\n      lr\n      batchSize\n      n\n      mean\n      std\n      min\n      max\n      best\n      runIds\n      vsBaseline {\n        n\n        mean\n        std\n        ciLow\n        ciHigh\n      }\n      convergence {\n        threshold\n        meanSteps\n        reached\n      }\n    }\n  }\n": typeof types.LeaderboardFieldsFragmentDoc,
    "\n  query Leaderboard($task: String!, $preset: String!, $metric: String!) {\n    leaderboard(task: $task, preset: $preset, metric: $metric) {\n      ...LeaderboardFields\n    }\n  }\n": typeof types.LeaderboardDocument,
    "\n  subscription LeaderboardUpdated($task: String!, $preset: String!, $metric: String!) {\n    leaderboardUpdated(task: $task, preset: $preset, metric: $metric) {\n      ...LeaderboardFields\n    }\n  }\n": typeof types.LeaderboardUpdatedDocument,
    "\n  query LeaderboardChoices {\n    experiments(first: 100) {\n      nodes {\n        id\n        task\n        spec\n      }\n    }\n  }\n": typeof types.LeaderboardChoicesDocument,
    "\n  query MetricHistory($runIds: [ID!]!, $names: [String!], $maxPoints: Int) {\n    metricSeries(runIds: $runIds, names: $names, maxPoints: $maxPoints) {\n      runId\n      name\n      total\n      points {\n        step\n        value\n      }\n    }\n  }\n": typeof types.MetricHistoryDocument,
    "\n  subscription RunMetrics($runId: ID!, $sinceStep: Int) {\n    runMetrics(runId: $runId, sinceStep: $sinceStep) {\n      runId\n      points {\n        name\n        step\n        value\n        nonFinite\n      }\n    }\n  }\n": typeof types.RunMetricsDocument,
    "\n  query MiAnalysis($task: String!, $estimator: String!, $k: Int!, $dataSeed: SafeInt!) {\n    miAnalysis(task: $task, estimator: $estimator, k: $k, dataSeed: $dataSeed) {\n      id\n      task\n      estimator\n      k\n      dataSeed\n      n\n      table\n      computed\n    }\n  }\n": typeof types.MiAnalysisDocument,
    "\n  query RunMiTable($id: ID!) {\n    run(id: $id) {\n      id\n      strategy\n      plan {\n        permutation\n        miTable\n      }\n    }\n  }\n": typeof types.RunMiTableDocument,
    "\n  fragment CheckpointFields on CheckpointRef {\n    id\n    step\n    sizeBytes\n    sha256\n    createdAt\n  }\n": typeof types.CheckpointFieldsFragmentDoc,
    "\n  query Run($id: ID!) {\n    run(id: $id) {\n      ...RunCell\n      task\n      tokens\n      queuedAt\n      createdAt\n      leaseExpiresAt\n      permutation\n      worker {\n        id\n        name\n        backend\n        device\n        cores\n        gpus\n        version\n        lastHeartbeat\n      }\n      plan {\n        taskKind\n        metric {\n          name\n          direction\n          label\n          percent\n        }\n        orderable\n        orderReason\n        permutation\n        miTable\n        numParams\n        blockSize\n        steps\n        shape\n      }\n      checkpoints {\n        ...CheckpointFields\n      }\n      experiment {\n        id\n        name\n        spec\n      }\n    }\n  }\n": typeof types.RunDocument,
    "\n  query RunCheckpoints($id: ID!) {\n    run(id: $id) {\n      id\n      checkpoints {\n        ...CheckpointFields\n      }\n    }\n  }\n": typeof types.RunCheckpointsDocument,
    "\n  query CompareRun($id: ID!) {\n    run(id: $id) {\n      ...RunCell\n      experiment {\n        id\n        name\n        task\n      }\n    }\n  }\n": typeof types.CompareRunDocument,
    "\n  query CompareChoices {\n    experiments(first: 50) {\n      nodes {\n        id\n        name\n        task\n        createdAt\n      }\n    }\n  }\n": typeof types.CompareChoicesDocument,
    "\n  query ExperimentRuns($id: ID!) {\n    runs(experimentId: $id) {\n      id\n      strategy\n      seed\n      status\n      gridIndex\n      spec\n    }\n  }\n": typeof types.ExperimentRunsDocument,
    "\n  query Me {\n    me {\n      role\n      via\n      apiKey {\n        name\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  fragment WorkerFields on Worker {\n    id\n    name\n    backend\n    device\n    cores\n    gpus\n    version\n    createdAt\n    lastHeartbeat\n    runIds\n  }\n": typeof types.WorkerFieldsFragmentDoc,
    "\n  query Workers {\n    workers {\n      ...WorkerFields\n    }\n  }\n": typeof types.WorkersDocument,
    "\n  subscription WorkerUpdated {\n    workerUpdated {\n      ...WorkerFields\n    }\n  }\n": typeof types.WorkerUpdatedDocument,
};
const documents: Documents = {
    "\n  fragment RunCell on Run {\n    id\n    experimentId\n    gridIndex\n    strategy\n    seed\n    preset\n    status\n    progress\n    step\n    tokens\n    attempt\n    maxAttempts\n    cancelRequested\n    diverged\n    error\n    declinedBackends\n    declineReason\n    bestMetric\n    bestStep\n    finalMetrics\n    spec\n    startedAt\n    finishedAt\n    worker {\n      id\n      name\n      backend\n      device\n    }\n  }\n": types.RunCellFragmentDoc,
    "\n  query Experiment($id: ID!) {\n    experiment(id: $id) {\n      ...ExperimentRow\n      notes\n      runs {\n        ...RunCell\n      }\n    }\n  }\n": types.ExperimentDocument,
    "\n  subscription ExperimentUpdated($id: ID!) {\n    experimentUpdated(id: $id) {\n      id\n      deleted\n      experiment {\n        ...ExperimentRow\n      }\n    }\n  }\n": types.ExperimentUpdatedDocument,
    "\n  subscription RunUpdated($experimentId: ID!) {\n    runUpdated(experimentId: $experimentId) {\n      ...RunCell\n    }\n  }\n": types.RunUpdatedDocument,
    "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      ...RunCell\n    }\n  }\n": types.CancelRunDocument,
    "\n  mutation RetryRun($id: ID!, $fromScratch: Boolean) {\n    retryRun(id: $id, fromScratch: $fromScratch) {\n      ...RunCell\n    }\n  }\n": types.RetryRunDocument,
    "\n  fragment ExperimentRow on Experiment {\n    id\n    name\n    task\n    status\n    tags\n    owner\n    createdAt\n    updatedAt\n    spec\n    runCounts {\n      total\n      queued\n      running\n      succeeded\n      failed\n      cancelled\n    }\n  }\n": types.ExperimentRowFragmentDoc,
    "\n  query Experiments($first: Int, $after: String, $filter: ExperimentFilter) {\n    experiments(first: $first, after: $after, filter: $filter) {\n      nodes {\n        ...ExperimentRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ExperimentsDocument,
    "\n  subscription ExperimentsUpdated {\n    experimentUpdated {\n      id\n      deleted\n      experiment {\n        ...ExperimentRow\n      }\n    }\n  }\n": types.ExperimentsUpdatedDocument,
    "\n  mutation CreateExperiment($input: CreateExperimentInput!) {\n    createExperiment(input: $input) {\n      id\n      runs {\n        id\n      }\n    }\n  }\n": types.CreateExperimentDocument,
    "\n  mutation CancelExperiment($id: ID!) {\n    cancelExperiment(id: $id) {\n      ...ExperimentRow\n    }\n  }\n": types.CancelExperimentDocument,
    "\n  query CloneSource($id: ID!) {\n    experiment(id: $id) {\n      id\n      name\n      notes\n      spec\n    }\n  }\n": types.CloneSourceDocument,
    "\n  fragment LeaderboardFields on Leaderboard {\n    task\n    preset\n    metric\n    direction\n    baseline\n    curve\n    thresholds\n    missingMetric\n    rows {\n      strategy\n      configId\n      configLabel\n      config\n      estimator\n      lr\n      batchSize\n      n\n      mean\n      std\n      min\n      max\n      best\n      runIds\n      vsBaseline {\n        n\n        mean\n        std\n        ciLow\n        ciHigh\n      }\n      convergence {\n        threshold\n        meanSteps\n        reached\n      }\n    }\n  }\n": types.LeaderboardFieldsFragmentDoc,
    "\n  query Leaderboard($task: String!, $preset: String!, $metric: String!) {\n    leaderboard(task: $task, preset: $preset, metric: $metric) {\n      ...LeaderboardFields\n    }\n  }\n": types.LeaderboardDocument,
    "\n  subscription LeaderboardUpdated($task: String!, $preset: String!, $metric: String!) {\n    leaderboardUpdated(task: $task, preset: $preset, metric: $metric) {\n      ...LeaderboardFields\n    }\n  }\n": types.LeaderboardUpdatedDocument,
    "\n  query LeaderboardChoices {\n    experiments(first: 100) {\n      nodes {\n        id\n        task\n        spec\n      }\n    }\n  }\n": types.LeaderboardChoicesDocument,
    "\n  query MetricHistory($runIds: [ID!]!, $names: [String!], $maxPoints: Int) {\n    metricSeries(runIds: $runIds, names: $names, maxPoints: $maxPoints) {\n      runId\n      name\n      total\n      points {\n        step\n        value\n      }\n    }\n  }\n": types.MetricHistoryDocument,
    "\n  subscription RunMetrics($runId: ID!, $sinceStep: Int) {\n    runMetrics(runId: $runId, sinceStep: $sinceStep) {\n      runId\n      points {\n        name\n        step\n        value\n        nonFinite\n      }\n    }\n  }\n": types.RunMetricsDocument,
    "\n  query MiAnalysis($task: String!, $estimator: String!, $k: Int!, $dataSeed: SafeInt!) {\n    miAnalysis(task: $task, estimator: $estimator, k: $k, dataSeed: $dataSeed) {\n      id\n      task\n      estimator\n      k\n      dataSeed\n      n\n      table\n      computed\n    }\n  }\n": types.MiAnalysisDocument,
    "\n  query RunMiTable($id: ID!) {\n    run(id: $id) {\n      id\n      strategy\n      plan {\n        permutation\n        miTable\n      }\n    }\n  }\n": types.RunMiTableDocument,
    "\n  fragment CheckpointFields on CheckpointRef {\n    id\n    step\n    sizeBytes\n    sha256\n    createdAt\n  }\n": types.CheckpointFieldsFragmentDoc,
    "\n  query Run($id: ID!) {\n    run(id: $id) {\n      ...RunCell\n      task\n      tokens\n      queuedAt\n      createdAt\n      leaseExpiresAt\n      permutation\n      worker {\n        id\n        name\n        backend\n        device\n        cores\n        gpus\n        version\n        lastHeartbeat\n      }\n      plan {\n        taskKind\n        metric {\n          name\n          direction\n          label\n          percent\n        }\n        orderable\n        orderReason\n        permutation\n        miTable\n        numParams\n        blockSize\n        steps\n        shape\n      }\n      checkpoints {\n        ...CheckpointFields\n      }\n      experiment {\n        id\n        name\n        spec\n      }\n    }\n  }\n": types.RunDocument,
    "\n  query RunCheckpoints($id: ID!) {\n    run(id: $id) {\n      id\n      checkpoints {\n        ...CheckpointFields\n      }\n    }\n  }\n": types.RunCheckpointsDocument,
    "\n  query CompareRun($id: ID!) {\n    run(id: $id) {\n      ...RunCell\n      experiment {\n        id\n        name\n        task\n      }\n    }\n  }\n": types.CompareRunDocument,
    "\n  query CompareChoices {\n    experiments(first: 50) {\n      nodes {\n        id\n        name\n        task\n        createdAt\n      }\n    }\n  }\n": types.CompareChoicesDocument,
    "\n  query ExperimentRuns($id: ID!) {\n    runs(experimentId: $id) {\n      id\n      strategy\n      seed\n      status\n      gridIndex\n      spec\n    }\n  }\n": types.ExperimentRunsDocument,
    "\n  query Me {\n    me {\n      role\n      via\n      apiKey {\n        name\n      }\n    }\n  }\n": types.MeDocument,
    "\n  fragment WorkerFields on Worker {\n    id\n    name\n    backend\n    device\n    cores\n    gpus\n    version\n    createdAt\n    lastHeartbeat\n    runIds\n  }\n": types.WorkerFieldsFragmentDoc,
    "\n  query Workers {\n    workers {\n      ...WorkerFields\n    }\n  }\n": types.WorkersDocument,
    "\n  subscription WorkerUpdated {\n    workerUpdated {\n      ...WorkerFields\n    }\n  }\n": types.WorkerUpdatedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunCell on Run {\n    id\n    experimentId\n    gridIndex\n    strategy\n    seed\n    preset\n    status\n    progress\n    step\n    tokens\n    attempt\n    maxAttempts\n    cancelRequested\n    diverged\n    error\n    declinedBackends\n    declineReason\n    bestMetric\n    bestStep\n    finalMetrics\n    spec\n    startedAt\n    finishedAt\n    worker {\n      id\n      name\n      backend\n      device\n    }\n  }\n"): (typeof documents)["\n  fragment RunCell on Run {\n    id\n    experimentId\n    gridIndex\n    strategy\n    seed\n    preset\n    status\n    progress\n    step\n    tokens\n    attempt\n    maxAttempts\n    cancelRequested\n    diverged\n    error\n    declinedBackends\n    declineReason\n    bestMetric\n    bestStep\n    finalMetrics\n    spec\n    startedAt\n    finishedAt\n    worker {\n      id\n      name\n      backend\n      device\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Experiment($id: ID!) {\n    experiment(id: $id) {\n      ...ExperimentRow\n      notes\n      runs {\n        ...RunCell\n      }\n    }\n  }\n"): (typeof documents)["\n  query Experiment($id: ID!) {\n    experiment(id: $id) {\n      ...ExperimentRow\n      notes\n      runs {\n        ...RunCell\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExperimentUpdated($id: ID!) {\n    experimentUpdated(id: $id) {\n      id\n      deleted\n      experiment {\n        ...ExperimentRow\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ExperimentUpdated($id: ID!) {\n    experimentUpdated(id: $id) {\n      id\n      deleted\n      experiment {\n        ...ExperimentRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunUpdated($experimentId: ID!) {\n    runUpdated(experimentId: $experimentId) {\n      ...RunCell\n    }\n  }\n"): (typeof documents)["\n  subscription RunUpdated($experimentId: ID!) {\n    runUpdated(experimentId: $experimentId) {\n      ...RunCell\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      ...RunCell\n    }\n  }\n"): (typeof documents)["\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      ...RunCell\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryRun($id: ID!, $fromScratch: Boolean) {\n    retryRun(id: $id, fromScratch: $fromScratch) {\n      ...RunCell\n    }\n  }\n"): (typeof documents)["\n  mutation RetryRun($id: ID!, $fromScratch: Boolean) {\n    retryRun(id: $id, fromScratch: $fromScratch) {\n      ...RunCell\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExperimentRow on Experiment {\n    id\n    name\n    task\n    status\n    tags\n    owner\n    createdAt\n    updatedAt\n    spec\n    runCounts {\n      total\n      queued\n      running\n      succeeded\n      failed\n      cancelled\n    }\n  }\n"): (typeof documents)["\n  fragment ExperimentRow on Experiment {\n    id\n    name\n    task\n    status\n    tags\n    owner\n    createdAt\n    updatedAt\n    spec\n    runCounts {\n      total\n      queued\n      running\n      succeeded\n      failed\n      cancelled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Experiments($first: Int, $after: String, $filter: ExperimentFilter) {\n    experiments(first: $first, after: $after, filter: $filter) {\n      nodes {\n        ...ExperimentRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query Experiments($first: Int, $after: String, $filter: ExperimentFilter) {\n    experiments(first: $first, after: $after, filter: $filter) {\n      nodes {\n        ...ExperimentRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExperimentsUpdated {\n    experimentUpdated {\n      id\n      deleted\n      experiment {\n        ...ExperimentRow\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ExperimentsUpdated {\n    experimentUpdated {\n      id\n      deleted\n      experiment {\n        ...ExperimentRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateExperiment($input: CreateExperimentInput!) {\n    createExperiment(input: $input) {\n      id\n      runs {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateExperiment($input: CreateExperimentInput!) {\n    createExperiment(input: $input) {\n      id\n      runs {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelExperiment($id: ID!) {\n    cancelExperiment(id: $id) {\n      ...ExperimentRow\n    }\n  }\n"): (typeof documents)["\n  mutation CancelExperiment($id: ID!) {\n    cancelExperiment(id: $id) {\n      ...ExperimentRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CloneSource($id: ID!) {\n    experiment(id: $id) {\n      id\n      name\n      notes\n      spec\n    }\n  }\n"): (typeof documents)["\n  query CloneSource($id: ID!) {\n    experiment(id: $id) {\n      id\n      name\n      notes\n      spec\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LeaderboardFields on Leaderboard {\n    task\n    preset\n    metric\n    direction\n    baseline\n    curve\n    thresholds\n    missingMetric\n    rows {\n      strategy\n      configId\n      configLabel\n      config\n      estimator\n      lr\n      batchSize\n      n\n      mean\n      std\n      min\n      max\n      best\n      runIds\n      vsBaseline {\n        n\n        mean\n        std\n        ciLow\n        ciHigh\n      }\n      convergence {\n        threshold\n        meanSteps\n        reached\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment LeaderboardFields on Leaderboard {\n    task\n    preset\n    metric\n    direction\n    baseline\n    curve\n    thresholds\n    missingMetric\n    rows {\n      strategy\n      configId\n      configLabel\n      config\n      estimator\n      lr\n      batchSize\n      n\n      mean\n      std\n      min\n      max\n      best\n      runIds\n      vsBaseline {\n        n\n        mean\n        std\n        ciLow\n        ciHigh\n      }\n      convergence {\n        threshold\n        meanSteps\n        reached\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Leaderboard($task: String!, $preset: String!, $metric: String!) {\n    leaderboard(task: $task, preset: $preset, metric: $metric) {\n      ...LeaderboardFields\n    }\n  }\n"): (typeof documents)["\n  query Leaderboard($task: String!, $preset: String!, $metric: String!) {\n    leaderboard(task: $task, preset: $preset, metric: $metric) {\n      ...LeaderboardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LeaderboardUpdated($task: String!, $preset: String!, $metric: String!) {\n    leaderboardUpdated(task: $task, preset: $preset, metric: $metric) {\n      ...LeaderboardFields\n    }\n  }\n"): (typeof documents)["\n  subscription LeaderboardUpdated($task: String!, $preset: String!, $metric: String!) {\n    leaderboardUpdated(task: $task, preset: $preset, metric: $metric) {\n      ...LeaderboardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderboardChoices {\n    experiments(first: 100) {\n      nodes {\n        id\n        task\n        spec\n      }\n    }\n  }\n"): (typeof documents)["\n  query LeaderboardChoices {\n    experiments(first: 100) {\n      nodes {\n        id\n        task\n        spec\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricHistory($runIds: [ID!]!, $names: [String!], $maxPoints: Int) {\n    metricSeries(runIds: $runIds, names: $names, maxPoints: $maxPoints) {\n      runId\n      name\n      total\n      points {\n        step\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  query MetricHistory($runIds: [ID!]!, $names: [String!], $maxPoints: Int) {\n    metricSeries(runIds: $runIds, names: $names, maxPoints: $maxPoints) {\n      runId\n      name\n      total\n      points {\n        step\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunMetrics($runId: ID!, $sinceStep: Int) {\n    runMetrics(runId: $runId, sinceStep: $sinceStep) {\n      runId\n      points {\n        name\n        step\n        value\n        nonFinite\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription RunMetrics($runId: ID!, $sinceStep: Int) {\n    runMetrics(runId: $runId, sinceStep: $sinceStep) {\n      runId\n      points {\n        name\n        step\n        value\n        nonFinite\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MiAnalysis($task: String!, $estimator: String!, $k: Int!, $dataSeed: SafeInt!) {\n    miAnalysis(task: $task, estimator: $estimator, k: $k, dataSeed: $dataSeed) {\n      id\n      task\n      estimator\n      k\n      dataSeed\n      n\n      table\n      computed\n    }\n  }\n"): (typeof documents)["\n  query MiAnalysis($task: String!, $estimator: String!, $k: Int!, $dataSeed: SafeInt!) {\n    miAnalysis(task: $task, estimator: $estimator, k: $k, dataSeed: $dataSeed) {\n      id\n      task\n      estimator\n      k\n      dataSeed\n      n\n      table\n      computed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunMiTable($id: ID!) {\n    run(id: $id) {\n      id\n      strategy\n      plan {\n        permutation\n        miTable\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunMiTable($id: ID!) {\n    run(id: $id) {\n      id\n      strategy\n      plan {\n        permutation\n        miTable\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CheckpointFields on CheckpointRef {\n    id\n    step\n    sizeBytes\n    sha256\n    createdAt\n  }\n"): (typeof documents)["\n  fragment CheckpointFields on CheckpointRef {\n    id\n    step\n    sizeBytes\n    sha256\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Run($id: ID!) {\n    run(id: $id) {\n      ...RunCell\n      task\n      tokens\n      queuedAt\n      createdAt\n      leaseExpiresAt\n      permutation\n      worker {\n        id\n        name\n        backend\n        device\n        cores\n        gpus\n        version\n        lastHeartbeat\n      }\n      plan {\n        taskKind\n        metric {\n          name\n          direction\n          label\n          percent\n        }\n        orderable\n        orderReason\n        permutation\n        miTable\n        numParams\n        blockSize\n        steps\n        shape\n      }\n      checkpoints {\n        ...CheckpointFields\n      }\n      experiment {\n        id\n        name\n        spec\n      }\n    }\n  }\n"): (typeof documents)["\n  query Run($id: ID!) {\n    run(id: $id) {\n      ...RunCell\n      task\n      tokens\n      queuedAt\n      createdAt\n      leaseExpiresAt\n      permutation\n      worker {\n        id\n        name\n        backend\n        device\n        cores\n        gpus\n        version\n        lastHeartbeat\n      }\n      plan {\n        taskKind\n        metric {\n          name\n          direction\n          label\n          percent\n        }\n        orderable\n        orderReason\n        permutation\n        miTable\n        numParams\n        blockSize\n        steps\n        shape\n      }\n      checkpoints {\n        ...CheckpointFields\n      }\n      experiment {\n        id\n        name\n        spec\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunCheckpoints($id: ID!) {\n    run(id: $id) {\n      id\n      checkpoints {\n        ...CheckpointFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunCheckpoints($id: ID!) {\n    run(id: $id) {\n      id\n      checkpoints {\n        ...CheckpointFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompareRun($id: ID!) {\n    run(id: $id) {\n      ...RunCell\n      experiment {\n        id\n        name\n        task\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompareRun($id: ID!) {\n    run(id: $id) {\n      ...RunCell\n      experiment {\n        id\n        name\n        task\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompareChoices {\n    experiments(first: 50) {\n      nodes {\n        id\n        name\n        task\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompareChoices {\n    experiments(first: 50) {\n      nodes {\n        id\n        name\n        task\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExperimentRuns($id: ID!) {\n    runs(experimentId: $id) {\n      id\n      strategy\n      seed\n      status\n      gridIndex\n      spec\n    }\n  }\n"): (typeof documents)["\n  query ExperimentRuns($id: ID!) {\n    runs(experimentId: $id) {\n      id\n      strategy\n      seed\n      status\n      gridIndex\n      spec\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      role\n      via\n      apiKey {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      role\n      via\n      apiKey {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkerFields on Worker {\n    id\n    name\n    backend\n    device\n    cores\n    gpus\n    version\n    createdAt\n    lastHeartbeat\n    runIds\n  }\n"): (typeof documents)["\n  fragment WorkerFields on Worker {\n    id\n    name\n    backend\n    device\n    cores\n    gpus\n    version\n    createdAt\n    lastHeartbeat\n    runIds\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workers {\n    workers {\n      ...WorkerFields\n    }\n  }\n"): (typeof documents)["\n  query Workers {\n    workers {\n      ...WorkerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WorkerUpdated {\n    workerUpdated {\n      ...WorkerFields\n    }\n  }\n"): (typeof documents)["\n  subscription WorkerUpdated {\n    workerUpdated {\n      ...WorkerFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;