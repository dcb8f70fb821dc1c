import { primaryMetricOf } from "@orderbench/core/plan";
import { Arg, Args, ArgsType, Authorized, Ctx, Field, Float, ID, Query, Resolver, Root, Subscription } from "type-graphql";
import { mappedStream } from "../../pubsub/event-stream";
import type { ServiceContext } from "../../services/context";
import { getLeaderboard, type Leaderboard as LeaderboardOut, type LeaderboardInput } from "../../services/get-leaderboard";
import type { GraphQLContext } from "../context";
import { Leaderboard, LeaderboardRow } from "./leaderboard.type";
import { complexity } from "../limits/complexity";

@ArgsType()
class LeaderboardArgs {
  @Field(() => String, { description: "e.g. mul:2" }) task!: string;
  @Field(() => String, { defaultValue: "nanogpt", description: "Model preset" }) preset!: string;
  @Field(() => String, {
    nullable: true,
    description: "Key of the runs' final metrics (default: the task's primary metric, exact_match, score or perplexity)",
  })
  metric?: string | null;
  @Field(() => String, { nullable: true, description: "Metric series for steps-to-threshold (default eval/<metric>)" }) curve?: string | null;
  @Field(() => String, { defaultValue: "plain" }) baseline!: string;
  @Field(() => [Float], {
    nullable: true,
    description: "Steps-to-threshold levels (default 0.5, 0.9 for exact_match and score; none for other metrics, where a fixed level means nothing)",
  })
  thresholds?: number[] | null;
  @Field(() => ID, { nullable: true, description: "Only this experiment's runs" }) experimentId?: string | null;
}

/** Fractions with a meaningful fixed level for steps-to-threshold (docs/method.md, "Statistics"). */
const THRESHOLD_METRICS = new Set(["exact_match", "score"]);

/**
 * The leaderboard's arguments with the task's defaults: its primary metric (core primaryMetricOf: stored task
 * names are canonical, an unknown name keeps exact_match and simply matches no runs), and default
 * thresholds only for exact_match and score.
 */
export function leaderboardInput(args: Omit<LeaderboardInput, "metric"> & { metric?: string | null }): LeaderboardInput {
  const metric = args.metric ?? primaryMetricOf(args.task).name;
  return { ...args, metric, thresholds: args.thresholds ?? (THRESHOLD_METRICS.has(metric) ? null : []) };
}

async function leaderboard(services: ServiceContext, args: Omit<LeaderboardInput, "metric"> & { metric?: string | null }): Promise<Leaderboard> {
  const board = await getLeaderboard(services, leaderboardInput(args));
  return toGraphQL(board);
}

function toGraphQL(board: LeaderboardOut): Leaderboard {
  return {
    ...board,
    rows: board.rows.map(
      (r): LeaderboardRow => ({
        strategy: r.strategy,
        configId: r.configId,
        config: r.config,
        configLabel: r.configLabel,
        estimator: r.estimator,
        lr: r.lr,
        batchSize: r.batchSize,
        n: r.final.n,
        mean: r.final.mean,
        std: r.final.std,
        min: r.final.min,
        max: r.final.max,
        best: r.best,
        vsBaseline: r.vsBaseline && { n: r.vsBaseline.n, mean: r.vsBaseline.mean, std: r.vsBaseline.std, ciLow: r.vsBaseline.ci95?.[0] ?? null, ciHigh: r.vsBaseline.ci95?.[1] ?? null },
        convergence: r.convergence,
        runIds: r.runIds,
      }),
    ),
  };
}

@Resolver()
export class LeaderboardResolver {
  @Authorized("viewer")
  @Query(() => Leaderboard, { complexity: complexity.heavy, description: "Per strategy over seeds: mean ± std, n, best, Δ vs baseline with a 95% CI paired by seed, steps-to-threshold" })
  leaderboard(@Args(() => LeaderboardArgs) args: LeaderboardArgs, @Ctx() { services }: GraphQLContext): Promise<Leaderboard> {
    return leaderboard(services, args);
  }

  @Authorized("viewer")
  @Subscription(() => Leaderboard, {
    description: "The leaderboard again whenever a run of the task (and preset) finishes or is deleted",
    subscribe: ({ args, context }) => {
      const { services } = context as GraphQLContext;
      const a = args as LeaderboardArgs;
      return mappedStream(
        services.pubsub,
        (e) => e.type === "leaderboard" && e.task === a.task && e.preset === a.preset,
        () => leaderboard(services, a),
      );
    },
  })
  leaderboardUpdated(@Root() board: Leaderboard, @Args(() => LeaderboardArgs) _args: LeaderboardArgs): Leaderboard {
    return board;
  }
}
