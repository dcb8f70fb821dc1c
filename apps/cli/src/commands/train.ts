import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { isStrategy, STRATEGIES } from "@orderbench/core/ordering";
import { selectBackend } from "@orderbench/engine/backend";
import { deserializeCheckpoint, serializeCheckpoint } from "@orderbench/engine/checkpoint";
import { executeRun } from "@orderbench/engine/run";
import { userPath, writeUserFile, type Env } from "../env";
import { createMultiBar, payload } from "../progress";
import { addSpecOptions, num, parseBackend, parseRunSpec, specInput, type SpecOptions } from "../spec-options";
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
      const backend = await selectBackend(parseBackend(o.backend, env.ORDERBENCH_BACKEND));
      const resume = o.resume ? deserializeCheckpoint(new Uint8Array(await readFile(userPath(env, o.resume)))) : undefined;
      const controller = new AbortController();
      process.once("SIGINT", () => controller.abort());

      const bars = o.json ? null : createMultiBar();
      const label = `${spec.task} ${spec.strategy} seed ${spec.seed}`;
      const bar = bars?.create(1, 0, payload(label, {}));
      let acc: number | undefined;
      const { plan, result } = await executeRun(spec, {
        signal: controller.signal,
        ...(resume ? { resume } : {}),
        onStep: (s) => {
          bar?.setTotal(s.totalSteps);
          bar?.update(s.step, payload(label, { loss: s.loss, acc, tps: s.tokensPerSec }));
        },
        onEval: (e) => {
          acc = e.exactMatch;
        },
        onCheckpoint: async (c) => {
          if (o.checkpoint) await writeUserFile(env, o.checkpoint, serializeCheckpoint(c));
        },
      });
      bars?.stop();
      const summary = runSummary(spec, plan, result, backend);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      const f = result.final;
      console.log(
        `${result.status}: ${spec.task} ${spec.strategy} (order ${plan.permutation.join(",")}) seed ${spec.seed}, ` +
          `${result.step} steps, ${plan.numParams.toLocaleString("en-US")} params on ${backend.device}`,
      );
      if (f) {
        console.log(
          `exact match ${(100 * f.exactMatch).toFixed(2)}% (best ${(100 * (result.best?.value ?? 0)).toFixed(2)}% at step ${result.best?.step}), ` +
            `per position ${f.positionAccuracy.map((a) => `${(100 * a).toFixed(1)}%`).join(" ")}, test loss ${f.loss.toFixed(4)}`,
        );
        for (const s of f.samples.slice(0, 3)) console.log(`  ${s.input} -> ${s.prediction} (${s.correct ? "right" : `want ${s.gold}`})`);
      }
      console.log(`wall ${(result.elapsedMs / 1000).toFixed(1)} s, ${Math.round((result.tokens / result.elapsedMs) * 1000).toLocaleString("en-US")} tok/s`);
    });
}
