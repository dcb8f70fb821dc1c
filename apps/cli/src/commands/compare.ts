import { availableParallelism } from "node:os";
import type { Command } from "commander";
import type { SingleBar } from "cli-progress";
import { isStrategy, STRATEGIES } from "@orderbench/core/ordering";
import type { RunPlan } from "@orderbench/core/plan";
import type { RunSpec } from "@orderbench/core/spec";
import { parseTaskName } from "@orderbench/core/tasks";
import { GENERATION_STRATEGIES } from "@orderbench/core/text/generation";
import { planAnyRun } from "@orderbench/data/plan-run";
import { TextTaskCache } from "@orderbench/data/text-task";
import type { DataDir } from "@orderbench/data/data-dir";
import type { RunSummary } from "../summary";
import { writeUserFile, type Env } from "../env";
import { barMetric } from "../metric-format";
import { createMultiBar, payload } from "../progress";
import { addSpecOptions, dataDirFor, num, parseBackend, parseRunSpec, parseThresholds, specInput, type SpecOptions } from "../spec-options";
import { UsageError } from "../usage-error";
import { runPool } from "../compare/pool";
import { aggregate, curveCaption, renderCurveMarkdown, renderMarkdown, renderTable } from "../compare/report";

interface CompareOptions extends SpecOptions {
  strategies?: string;
  seeds: number;
  jobs?: number;
  json?: string;
  markdown?: string;
  thresholds?: string;
}

const DEFAULT_STRATEGIES = "plain,reverse,max-mi,min-mi";

export function registerCompare(program: Command, env: Env): void {
  addSpecOptions(program.command("compare").description("train strategies × seeds in parallel and compare them"))
    .option("--strategies <list>", `comma-separated: ${STRATEGIES.join(", ")} (default ${DEFAULT_STRATEGIES}; wikitext-2: ${GENERATION_STRATEGIES.join(",")})`)
    .option("--seeds <n>", "seeds per strategy (0..n-1)", num("--seeds"), 3)
    .option("--jobs <n>", "parallel training threads (default: one per core)", num("--jobs"))
    .option("--thresholds <list>", "comma-separated steps-to-threshold levels of the primary metric (default: 0.5,0.9 for exact match, none otherwise)")
    .option("--json <file>", "also write every run's summary and curve to this file")
    .option("--markdown <file>", "also write the table as Markdown to this file")
    .action(async (o: CompareOptions) => {
      const strategies = (o.strategies ?? defaultStrategies(o.task)).split(",").map((s) => s.trim()).filter(Boolean);
      for (const s of strategies) if (!isStrategy(s)) throw new UsageError(`unknown strategy "${s}"; valid: ${STRATEGIES.join(", ")}`);
      if (strategies.length === 0) throw new UsageError(`--strategies is empty; valid: ${STRATEGIES.join(", ")}`);
      if (!Number.isInteger(o.seeds) || o.seeds < 1 || o.seeds > 100) throw new UsageError(`--seeds must be an integer from 1 to 100, got ${o.seeds}`);
      const jobs = o.jobs ?? env.ORDERBENCH_JOBS ?? availableParallelism();
      if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer, got ${jobs}`);
      const thresholds = parseThresholds(o.thresholds);
      const backend = parseBackend(o.backend, env.ORDERBENCH_BACKEND);
      // Seed-major order: every strategy of seed 0 finishes before seed 1 starts.
      const specs: RunSpec[] = [];
      for (let seed = 0; seed < o.seeds; seed++) for (const s of strategies) specs.push(parseRunSpec(specInput(o, s, seed)));
      const first = specs[0] as RunSpec;
      const dataDir = dataDirFor(first.task, o, env);

      const plans = await planStrategies(specs, dataDir);
      const plan0 = plans.get(first.strategy) as RunPlan;
      if (!plan0.orderable) console.log(`note: ${plan0.orderReason}; the strategies differ only by seed noise here`);
      const { distinct, sameAs, notes } = distinctOrders(specs, plans);
      for (const n of notes) console.log(n);
      console.log(`${distinct.length} runs of ${first.task} (${strategies.join(", ")} × ${o.seeds} seeds) on ${Math.min(jobs, distinct.length)} ${backend} thread(s)`);
      const started = performance.now();
      const bars = createMultiBar();
      const active = new Map<number, { bar: SingleBar; label: string; value?: number }>();
      const trained = await runPool(distinct, {
        jobs,
        backend,
        ...(dataDir ? { dataDir } : {}),
        permutations: distinct.map((s) => (plans.get(s.strategy) as RunPlan).permutation),
        onProgress: (m) => {
          const spec = distinct[m.id] as RunSpec;
          let a = active.get(m.id);
          if (!a) {
            const label = `${spec.strategy.padEnd(9)} seed ${spec.seed}`;
            a = { bar: bars.create(1, 0, payload(label, { metric: barMetric(plan0.metric, undefined) })), label };
            active.set(m.id, a);
          }
          if (m.type === "eval") a.value = m.value;
          if (m.type === "step") {
            a.bar.setTotal(m.total);
            a.bar.update(m.step, payload(a.label, { loss: m.loss, metric: barMetric(plan0.metric, a.value), tps: m.tokensPerSec }));
          }
        },
      }).finally(() => bars.stop()); // the bars' redraw timer would keep the process alive after an error
      const summaries = sameAs.map((i, k) => ({ ...(trained[i] as RunSummary), strategy: (specs[k] as RunSpec).strategy }));
      const wall = (performance.now() - started) / 1000;
      const comparison = aggregate(summaries, thresholds);
      const s0 = summaries[0];
      const evaluated =
        plan0.evaluation.kind === "perplexity"
          ? `${plan0.metric.label} (lower is better) on all ${plan0.task.test.length} test windows`
          : `${plan0.metric.label} on ${Math.min(first.evalSize, plan0.task.test.length)} test examples${plan0.evaluation.kind === "classification" && plan0.evaluation.splits.length > 1 ? " per split" : ""}`;
      console.log(`\n${s0?.task}, ${s0?.preset} (${s0?.numParams.toLocaleString("en-US")} params), ${s0?.steps} steps × batch ${first.batchSize}, ${evaluated}`);
      console.log(renderTable(comparison));
      const tokens = trained.reduce((n, s) => n + s.tokens, 0);
      console.log(`wall ${wall.toFixed(0)} s for ${trained.length} runs; ${Math.round(tokens / wall).toLocaleString("en-US")} tok/s in total`);
      if (o.json) console.log(`wrote ${await writeUserFile(env, o.json, `${JSON.stringify({ wallSeconds: wall, jobs, runs: summaries, rows: comparison.rows }, null, 2)}\n`)}`);
      if (o.markdown) {
        const md = `${renderMarkdown(comparison)}\n\n${curveCaption(comparison.metric)}\n\n${renderCurveMarkdown(summaries)}\n`;
        console.log(`wrote ${await writeUserFile(env, o.markdown, md)}`);
      }
    });
}

/** wikitext-2 knows plain, max-mi and min-mi only; other tasks compare plain, reverse, max-mi and min-mi. */
function defaultStrategies(task: string): string {
  try {
    if (parseTaskName(task).kind === "generation") return GENERATION_STRATEGIES.join(",");
  } catch {
    // parseRunSpec reports the task
  }
  return DEFAULT_STRATEGIES;
}

/** One plan per strategy (the run seed does not change a plan), in the main thread: data errors stop here. */
async function planStrategies(specs: readonly RunSpec[], dataDir: DataDir | undefined): Promise<Map<string, RunPlan>> {
  const plans = new Map<string, RunPlan>();
  const options = { ...(dataDir ? { dataDir } : {}), texts: new TextTaskCache() };
  for (const s of specs) if (!plans.has(s.strategy)) plans.set(s.strategy, await planAnyRun(s, options));
  return plans;
}

/**
 * Strategies can resolve to the same order on a task (max-mi is reverse on addition; every strategy on
 * a one-token GLUE target). Runs are deterministic given (order, seed), so each distinct run is trained
 * once and reported under every strategy name that produced it; the output says so. Generation's
 * strategies change the data, not the order, so they are always distinct.
 */
function distinctOrders(specs: readonly RunSpec[], plans: ReadonlyMap<string, RunPlan>): { distinct: RunSpec[]; sameAs: number[]; notes: string[] } {
  const orders = new Map<string, string>();
  for (const [strategy, plan] of plans) orders.set(strategy, plan.evaluation.kind === "perplexity" ? `${strategy} data` : plan.permutation.join(" "));
  const distinct: RunSpec[] = [];
  const index = new Map<string, number>();
  const sameAs = specs.map((s) => {
    const key = JSON.stringify({ ...s, strategy: undefined, order: orders.get(s.strategy) });
    let i = index.get(key);
    if (i === undefined) {
      i = distinct.push(s) - 1;
      index.set(key, i);
    }
    return i;
  });
  const notes: string[] = [];
  const first = new Map<string, string>();
  for (const [strategy, order] of orders) {
    const prior = first.get(order);
    if (prior) notes.push(`${strategy} resolves to the same order as ${prior} on this task (${order}): trained once, reported under both`);
    else first.set(order, strategy);
  }
  return { distinct, sameAs, notes };
}
