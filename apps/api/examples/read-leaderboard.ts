/**
 * Print a task's leaderboard: per strategy, the final metric's mean ± std over seeds, and its difference to
 * plain with a 95% confidence interval paired by seed.
 *
 *   npx tsx examples/read-leaderboard.ts --api http://127.0.0.1:4000/graphql --key ob_… --task mul:2 [--preset nanogpt] [--metric exact_match]
 */
import { graphql, parseFlags } from "./graphql";

const { connection, values } = parseFlags({
  task: { type: "string", default: "mul:2" },
  preset: { type: "string", default: "nanogpt" },
  metric: { type: "string", default: "exact_match" },
});

interface Row {
  strategy: string;
  n: number;
  mean: number;
  std: number | null;
  vsBaseline: { mean: number; ciLow: number | null; ciHigh: number | null } | null;
}

const { leaderboard } = await graphql<{ leaderboard: { rows: Row[] } }>(
  connection,
  `query Board($task: String!, $preset: String!, $metric: String!) {
     leaderboard(task: $task, preset: $preset, metric: $metric) {
       rows { strategy n mean std vsBaseline { mean ciLow ciHigh } }
     }
   }`,
  { task: values.task, preset: values.preset, metric: values.metric },
);

const pct = (x: number) => (100 * x).toFixed(2);
console.log(`strategy\tn\t${values.metric} % (mean ± std)\tΔ vs plain [95% CI]`);
for (const r of leaderboard.rows) {
  const spread = r.std === null ? "" : ` ± ${pct(r.std)}`;
  const d = r.vsBaseline;
  const delta = d ? `${d.mean >= 0 ? "+" : ""}${pct(d.mean)}${d.ciLow !== null && d.ciHigh !== null ? ` [${pct(d.ciLow)}, ${pct(d.ciHigh)}]` : ""}` : "—";
  console.log(`${r.strategy}\t${r.n}\t${pct(r.mean)}${spread}\t${delta}`);
}
