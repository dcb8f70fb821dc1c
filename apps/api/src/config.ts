/** Everything the API server is configured with; main.ts fills it from the environment, tests pass it directly. */
export interface ApiConfig {
  /** Interface to listen on. Loopback (127.0.0.1, ::1, localhost) allows key-less local use. */
  host: string;
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  /**
   * `auto`: on loopback, requests without a key are admin while no API key exists; elsewhere a key is required.
   * `required`: a key is always required. `off`: no key is ever required (logged loudly at start).
   */
  auth: "auto" | "required" | "off";
  /** Largest run grid createExperiment accepts (strategies × seeds × grid values). */
  maxRuns: number;
  /** Claims allowed per run before a lost lease fails it. */
  maxAttempts: number;
  /** A claimed run's lease; a worker that does not heartbeat within it loses the run. */
  leaseSeconds: number;
  /** How often expired leases are swept back into the queue. */
  sweepIntervalMs: number;
  /** Largest HTTP request body for viewer and researcher keys (and WebSocket message), in bytes. */
  maxBodyBytes: number;
  /** Largest HTTP request body for worker and admin callers, who upload checkpoints, in bytes. */
  maxWorkerBodyBytes: number;
  /** Most points one reportMetrics call may carry. */
  maxMetricBatch: number;
  /** Query limits: selection depth, aliases, and estimated cost (graphql-query-complexity). */
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** metricSeries: most runs per call and most points per series. */
  maxSeriesRuns: number;
  maxSeriesPoints: number;
  /** Checkpoints kept per run (older ones are pruned). */
  checkpointsKept: number;
}

export const DEFAULT_API_CONFIG: ApiConfig = {
  host: "127.0.0.1",
  port: 4000,
  auth: "auto",
  maxRuns: 1000,
  maxAttempts: 3,
  leaseSeconds: 30,
  sweepIntervalMs: 5000,
  maxBodyBytes: 1024 * 1024,
  maxWorkerBodyBytes: 256 * 1024 * 1024,
  maxMetricBatch: 5000,
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 20_000,
  maxSeriesRuns: 100,
  maxSeriesPoints: 10_000,
  checkpointsKept: 2,
};

export function apiConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  return { ...DEFAULT_API_CONFIG, ...overrides };
}
