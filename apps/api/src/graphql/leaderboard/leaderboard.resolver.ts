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
  @Field(() => String, { defaultValue: "exact_match", description: "Key of the runs' final metrics" }) metric!: string;
  @Field(() => String, { nullable: true, description: "Metric series for steps-to-threshold (default eval/<metric>)" }) curve?: string | null;
  @Field(() => String, { defaultValue: "plain" }) baseline!: string;
  @Field(() => [Float], { nullable: true, description: "Steps-to-threshold levels (default 0.5, 0.9)" }) thresholds?: number[] | null;
  @Field(() => ID, { nullable: true, description: "Only this experiment's runs" }) experimentId?: string | null;
}

async function leaderboard(services: ServiceContext, args: LeaderboardInput): Promise<Leaderboard> {
  const board = await getLeaderboard(services, args);
  return toGraphQL(board);
}

function toGraphQL(board: LeaderboardOut): Leaderboard {
  return {
    ...board,
    rows: board.rows.map(
      (r): LeaderboardRow => ({
        strategy: r.strategy,
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
