import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { isStrategy, STRATEGIES } from "@orderbench/core/ordering";
import type { RunPlan } from "@orderbench/core/plan";
import { planAnyRun } from "@orderbench/data/plan-run";
import type { TrainResult } from "@orderbench/engine/train";
import { selectBackend } from "@orderbench/engine/backend";
import { deserializeCheckpoint, serializeCheckpoint } from "@orderbench/engine/checkpoint";
import { executeRun } from "@orderbench/engine/run";
import { userPath, writeUserFile, type Env } from "../env";
import { createMultiBar, payload } from "../progress";
import { addSpecOptions, dataDirFor, num, parseBackend, parseRunSpec, specInput, type SpecOptions } from "../spec-options";
import { barMetric, formatValue } from "../metric-format";
import { UsageError } from "../usage-error";
import { runSummary } from "../summary";

interface TrainOptions extends SpecOptions {
  strategy: string;
  seed: number;
  json?: boolean;
  checkpoint?: string;
  resume?: string;
}

export function registerTrain(program: Command, env: Env): void {
  addSpecOptions(program.command("train").description("train one run and print its summary"))
    .option("--strategy <name>", `target order: ${STRATEGIES.join(", ")}`, "plain")
    .option("--seed <n>", "seed of weights, data order and dropout", num("--seed"), 0)
    .option("--json", "print the final summary and the metric curve as JSON")
    .option("--checkpoint <file>", "write a checkpoint here at every checkpoint interval and at the end")
    .option("--resume <file>", "resume from a checkpoint written by --checkpoint")
    .action(async (o: TrainOptions) => {
      if (!isStrategy(o.strategy)) throw new UsageError(`unknown strategy "${o.strategy}"; valid: ${STRATEGIES.join(", ")}`);
      const spec = parseRunSpec(specInput(o, o.strategy, o.seed));
      const dataDir = dataDirFor(spec.task, o, env);
      const planned = await planAnyRun(spec, dataDir ? { dataDir } : {});
      if (!planned.orderable && !o.json) console.log(`note: ${planned.orderReason}`);
      const backend = await selectBackend(parseBackend(o.backend, env.ORDERBENCH_BACKEND));
      const resume = o.resume ? deserializeCheckpoint(new Uint8Array(await readFile(userPath(env, o.resume)))) : undefined;
      const controller = new AbortController();
      process.once("SIGINT", () => controller.abort());

      const bars = o.json ? null : createMultiBar();
      const label = `${spec.task} ${spec.strategy} seed ${spec.seed}`;
      const bar = bars?.create(1, 0, payload(label, { metric: barMetric(planned.metric, undefined) }));
      let value: number | undefined;
      // The bar's redraw timer would keep the process alive after an error.
      const { plan, result } = await executeRun(spec, {
        signal: controller.signal,
        ...(resume ? { resume } : {}),
        onStep: (s) => {
          bar?.setTotal(s.totalSteps);
          bar?.update(s.step, payload(label, { loss: s.loss, metric: barMetric(planned.metric, value), tps: s.tokensPerSec }));
        },
        onEval: (e) => {
          value = e.primary;
        },
        onCheckpoint: async (c) => {
          if (o.checkpoint) await writeUserFile(env, o.checkpoint, serializeCheckpoint(c));
        },
      }, planned).finally(() => bars?.stop());
      const summary = runSummary(spec, plan, result, backend);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      const order = plan.evaluation.kind === "perplexity" ? "keywords inserted in the data" : `order ${plan.permutation.join(",")}`;
      console.log(
        `${result.status}: ${spec.task} ${spec.strategy} (${order}) seed ${spec.seed}, ` +
          `${result.step} steps, ${plan.numParams.toLocaleString("en-US")} params on ${backend.device}`,
      );
      printFinal(plan, result);
      console.log(`wall ${(result.elapsedMs / 1000).toFixed(1)} s, ${Math.round((result.tokens / result.elapsedMs) * 1000).toLocaleString("en-US")} tok/s`);
    });
}

/** The last evaluation: the primary metric with its best, then what the task adds. */
function printFinal(plan: RunPlan, result: TrainResult): void {
  const f = result.final;
  if (!f) return;
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const v = (x: number): string => `${formatValue(plan.metric, x)}${plan.metric.percent ? "%" : ""}`;
  const best = result.best ? ` (best ${v(result.best.value)} at step ${result.best.step})` : "";
  switch (plan.evaluation.kind) {
    case "decode":
      console.log(`exact match ${v(f.exactMatch)}${best}, per position ${f.positionAccuracy.map(pct).join(" ")}, test loss ${f.loss.toFixed(4)}`);
      break;
    case "classification": {
      const extra = Object.entries(f.metrics)
        .filter(([name]) => name !== plan.metric.label && !/^(score|exact_match|token_accuracy|loss|position_\d+_accuracy|f1\/.*)$/.test(name))
        .map(([name, x]) => `${name} ${x.toFixed(4)}`);
      console.log(`${plan.metric.label} ${v(f.primary)}${best}; ${extra.join(", ")}; test loss ${f.loss.toFixed(4)}`);
      break;
    }
    case "perplexity":
      console.log(`${plan.metric.label} ${v(f.primary)}${best} over ${f.n} test windows; ${f.loss.toFixed(4)} nats per original token`);
      break;
  }
  for (const s of f.samples.slice(0, 3)) console.log(`  ${s.input} -> ${s.prediction} (${s.correct ? "right" : `want ${s.gold}`})`);
}
