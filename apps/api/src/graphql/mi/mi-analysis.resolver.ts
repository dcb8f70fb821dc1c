import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import { getMiAnalysis } from "../../services/get-mi-analysis";
import type { GraphQLContext } from "../context";
import { SafeIntScalar } from "../scalars";
import { MiAnalysis } from "./mi-analysis.type";
import { complexity } from "../limits/complexity";

@Resolver()
export class MiAnalysisResolver {
  @Authorized("viewer")
  @Query(() => MiAnalysis, { complexity: complexity.heavy, description: "The task's per-position MI table; computed with core's estimator on first request, then cached" })
  async miAnalysis(
    @Arg("task", () => String) task: string,
    @Arg("estimator", () => String, { defaultValue: "plugin-joint-k", description: "plugin-pairwise, plugin-joint-k or probe" }) estimator: string,
    @Arg("k", () => Int, { defaultValue: 2, description: "Source positions joined by plugin-joint-k (1 to 4)" }) k: number,
    @Arg("dataSeed", () => SafeIntScalar, { defaultValue: 0 }) dataSeed: number,
    @Ctx() { services }: GraphQLContext,
  ): Promise<MiAnalysis> {
    const { analysis, computed } = await getMiAnalysis(services, { task, estimator, k, dataSeed });
    return { ...analysis, n: analysis.table.n, positions: analysis.table.positions, computed };
  }
}
