import type { Command } from "commander";
import Table from "cli-table3";
import { ESTIMATORS, estimateMI, isEstimator, resolveOrdering } from "@orderbench/core/mi";
import { createTask, parseTaskName } from "@orderbench/core/tasks";
import { num } from "../spec-options";
import { UsageError } from "../usage-error";

interface MiOptions {
  task: string;
  estimator: string;
  k: number;
  trainSize: number;
  dataSeed: number;
  json?: boolean;
}

export function registerMi(program: Command): void {
  program
    .command("mi")
    .description("estimate I(S; y_i) per target position on the training split, and the orders it implies")
    .requiredOption("--task <name>", "task, e.g. mul:2")
    .option("--estimator <name>", `one of ${ESTIMATORS.join(", ")}`, "plugin-joint-k")
    .option("--k <n>", "source positions joined by plugin-joint-k", num("--k"), 2)
    .option("--train-size <n>", "training examples", num("--train-size"), 8000)
    .option("--data-seed <n>", "dataset seed", num("--data-seed"), 0)
    .option("--json", "print the table as JSON")
    .action((o: MiOptions) => {
      if (!isEstimator(o.estimator)) throw new UsageError(`unknown estimator "${o.estimator}"; valid: ${ESTIMATORS.join(", ")}`);
      if (!Number.isInteger(o.k) || o.k < 1 || o.k > 4) throw new UsageError(`--k must be an integer from 1 to 4, got ${o.k}`);
      let ref;
      try {
        ref = parseTaskName(o.task);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const task = createTask(ref, { trainSize: o.trainSize, testSize: 1, dataSeed: o.dataSeed });
      const base = { vocabSize: task.vocab.size, k: o.k, seed: o.dataSeed };
      const table = estimateMI(task.train, { estimator: o.estimator, ...base });
      const orders = Object.fromEntries(
        (["max-mi", "min-mi", "greedy-mi"] as const).map((strategy) => [
          strategy,
          resolveOrdering({ examples: task.train, targetLength: task.targetLength, strategy, estimator: o.estimator as never, ...base }).permutation,
        ]),
      );
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ task: task.name, table, orders }, null, 2)}\n`);
        return;
      }
      console.log(`${task.name}: ${o.estimator}, n = ${table.n} training examples, ${table.unit}; target position 0 is the leftmost answer character`);
      const t = new Table({ head: ["position", "H(y_i)", "score", "score / H", "detail"], style: { head: [], border: [], compact: true } });
      for (const p of table.positions) {
        const detail =
          p.sum !== undefined ? `sum ${p.sum.toFixed(4)}, max ${p.max?.toFixed(4)}` : p.sources ? `sources ${p.sources.join(",")}` : "";
        t.push([String(p.position), p.entropy.toFixed(4), p.score.toFixed(4), p.entropy > 0 ? (p.score / p.entropy).toFixed(3) : "—", detail]);
      }
      console.log(t.toString());
      for (const [s, perm] of Object.entries(orders)) console.log(`${s.padEnd(9)} order: ${perm.join(" ")}`);
    });
}
