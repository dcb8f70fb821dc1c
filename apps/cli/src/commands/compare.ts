import { availableParallelism } from "node:os";
import type { Command } from "commander";
import type { SingleBar } from "cli-progress";
import { isStrategy, STRATEGIES } from "@orderbench/core/ordering";
import type { RunSpec } from "@orderbench/core/spec";
import { planRun } from "@orderbench/core/plan";
import type { RunSummary } from "../summary";
import { writeUserFile, type Env } from "../env";
import { createMultiBar, payload } from "../progress";
import { addSpecOptions, num, parseBackend, parseRunSpec, specInput, type SpecOptions } from "../spec-options";
import { UsageError } from "../usage-error";
import { runPool } from "../compare/pool";
import { aggregate, renderCurveMarkdown, renderMarkdown, renderTable } from "../compare/report";

interface CompareOptions extends SpecOptions {
  strategies: string;
  seeds: number;
  jobs?: number;
  json?: string;
  markdown?: string;
}

export function registerCompare(program: Command, env: Env): void {
  addSpecOptions(program.command("compare").description("train strategies × seeds in parallel and compare them"))
    .option("--strategies <list>", `comma-separated: ${STRATEGIES.join(", ")}`, "plain,reverse,max-mi,min-mi")
    .option("--seeds <n>", "seeds per strategy (0..n-1)", num("--seeds"), 3)
    .option("--jobs <n>", "parallel training threads (default: one per core)", num("--jobs"))
    .option("--json <file>", "also write every run's summary and curve to this file")
    .option("--markdown <file>", "also write the table as Markdown to this file")
    .action(async (o: CompareOptions) => {
      const strategies = o.strategies.split(",").map((s) => s.trim()).filter(Boolean);
      for (const s of strategies) if (!isStrategy(s)) throw new UsageError(`unknown strategy "${s}"; valid: ${STRATEGIES.join(", ")}`);
      if (strategies.length === 0) throw new UsageError(`--strategies is empty; valid: ${STRATEGIES.join(", ")}`);
      if (!Number.isInteger(o.seeds) || o.seeds < 1 || o.seeds > 100) throw new UsageError(`--seeds must be an integer from 1 to 100, got ${o.seeds}`);
      const jobs = o.jobs ?? env.ORDERBENCH_JOBS ?? availableParallelism();
      if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer, got ${jobs}`);
      const backend = parseBackend(o.backend, env.ORDERBENCH_BACKEND);
      // Seed-major order: every strategy of seed 0 finishes before seed 1 starts.
      const specs: RunSpec[] = [];
      for (let seed = 0; seed < o.seeds; seed++) for (const s of strategies) specs.push(parseRunSpec(specInput(o, s, seed)));

      const { distinct, sameAs, notes } = distinctOrders(specs);
      for (const n of notes) console.log(n);
      console.log(`${distinct.length} runs of ${specs[0]?.task} (${strategies.join(", ")} × ${o.seeds} seeds) on ${Math.min(jobs, distinct.length)} ${backend} thread(s)`);
      const started = performance.now();
      const bars = createMultiBar();
      const active = new Map<number, { bar: SingleBar; label: string; acc?: number }>();
      const trained = await runPool(distinct, {
        jobs,
        backend,
        onProgress: (m) => {
          const spec = distinct[m.id] as RunSpec;
          let a = active.get(m.id);
          if (!a) {
            const label = `${spec.strategy.padEnd(9)} seed ${spec.seed}`;
            a = { bar: bars.create(1, 0, payload(label, {})), label };
            active.set(m.id, a);
          }
          if (m.type === "eval") a.acc = m.exactMatch;
          if (m.type === "step") {
            a.bar.setTotal(m.total);
            a.bar.update(m.step, payload(a.label, { loss: m.loss, acc: a.acc, tps: m.tokensPerSec }));
          }
        },
      });
      bars.stop();
      const summaries = sameAs.map((i, k) => ({ ...(trained[i] as RunSummary), strategy: (specs[k] as RunSpec).strategy }));
      const wall = (performance.now() - started) / 1000;
      const rows = aggregate(summaries);
      const s0 = summaries[0];
      console.log(`\n${s0?.task}, ${s0?.preset} (${s0?.numParams.toLocaleString("en-US")} params), ${s0?.steps} steps × batch ${specs[0]?.batchSize}, exact match on ${specs[0]?.evalSize} test examples`);
      console.log(renderTable(rows));
      const tokens = trained.reduce((n, s) => n + s.tokens, 0);
      console.log(`wall ${wall.toFixed(0)} s for ${trained.length} runs; ${Math.round(tokens / wall).toLocaleString("en-US")} tok/s in total`);
      if (o.json) console.log(`wrote ${await writeUserFile(env, o.json, `${JSON.stringify({ wallSeconds: wall, jobs, runs: summaries, rows }, null, 2)}\n`)}`);
      if (o.markdown) console.log(`wrote ${await writeUserFile(env, o.markdown, `${renderMarkdown(rows)}\n\nMean exact match (%) by step:\n\n${renderCurveMarkdown(summaries)}\n`)}`);
    });
}

/**
 * Strategies can resolve to the same order on a task (max-mi is reverse on addition). Runs are
 * deterministic given (order, seed), so each distinct run is trained once and reported under every
 * strategy name that produced it; the output says so.
 */
function distinctOrders(specs: readonly RunSpec[]): { distinct: RunSpec[]; sameAs: number[]; notes: string[] } {
  const orders = new Map<string, string>();
  for (const s of specs) if (!orders.has(s.strategy)) orders.set(s.strategy, planRun(s).permutation.join(" "));
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
