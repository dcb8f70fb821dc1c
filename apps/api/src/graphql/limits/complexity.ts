import type { ComplexityEstimatorArgs } from "graphql-query-complexity";

/**
 * Cost estimates for the fields whose results grow with their arguments (the rest cost 1 plus their
 * children). They are rough on purpose: they bound what one request can make the server read.
 */
export const complexity = {
  /** A page of `first` experiments (default 20). */
  page: ({ args, childComplexity }: ComplexityEstimatorArgs) => 1 + Number(args.first ?? 20) * childComplexity,
  /** An experiment's runs or the workers: counted as 50 items. */
  list: ({ childComplexity }: ComplexityEstimatorArgs) => 10 + 50 * childComplexity,
  /** Metric curves: one per run and name (4 names when unnamed), each maxPoints long (default 1000), per 10 points. */
  series: ({ args }: ComplexityEstimatorArgs) => {
    const runs = Array.isArray(args.runIds) ? args.runIds.length : 1;
    const names = Array.isArray(args.names) ? args.names.length : 4;
    return 10 + runs * names * Math.ceil(Number(args.maxPoints ?? 1000) / 10);
  },
  /** Computed by core on the server (MI estimation, planning) or a large read (leaderboard, checkpoint). */
  heavy: ({ childComplexity }: ComplexityEstimatorArgs) => 50 + childComplexity,
};
