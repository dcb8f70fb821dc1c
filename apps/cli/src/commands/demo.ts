import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { parseRunSpec } from "../spec-options";
import { runPool } from "../compare/pool";
import { aggregate, renderTable } from "../compare/report";
import { createMultiBar, payload } from "../progress";
import type { SingleBar } from "cli-progress";
import { EXACT_MATCH_METRIC } from "@orderbench/core/plan";
import { barMetric } from "../metric-format";

/** What `npm start` runs: a short real comparison, then where to go from here. */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("a one-minute comparison: 2-digit addition, plain vs reverse order")
    .action(async () => {
      console.log("orderbench demo: nanogpt learns 2-digit addition (e.g. 35+07=042) with the answer's digits");
      console.log("predicted left to right (plain) or units first (reverse). Same model, data and compute.\n");
      const specs = ["plain", "reverse"].map((strategy) =>
        parseRunSpec({ task: "add:2", strategy, seed: 0, budget: { steps: 1200 }, evalInterval: 200, evalSize: 500, data: { trainSize: 6000, testSize: 1000 } }),
      );
      const bars = createMultiBar();
      const state = new Map<number, { bar: SingleBar; value?: number }>();
      const summaries = await runPool(specs, {
        jobs: availableParallelism(),
        backend: "wasm",
        onProgress: (m) => {
          const label = (specs[m.id]?.strategy ?? "").padEnd(8);
          const s = state.get(m.id) ?? { bar: bars.create(1, 0, payload(label, {})) };
          state.set(m.id, s);
          if (m.type === "eval") s.value = m.value;
          if (m.type === "step") {
            s.bar.setTotal(m.total);
            s.bar.update(m.step, payload(label, { loss: m.loss, metric: barMetric(EXACT_MATCH_METRIC, s.value), tps: m.tokensPerSec }));
          }
        },
      });
      bars.stop();
      console.log(`\n${renderTable(aggregate(summaries))}`);
      console.log(`
Go further:
  npm run orderbench -- compare --task mul:2 --strategies plain,reverse,max-mi,min-mi --seeds 3 --steps 3000
  npm run orderbench -- mi --task mul:2 --estimator plugin-joint-k
  npm run orderbench -- train --task add:3 --strategy reverse --steps 4000 --json
  npm run orderbench -- --help`);
    });
}
