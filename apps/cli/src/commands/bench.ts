import { execFile } from "node:child_process";
import { cpus } from "node:os";
import { readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import type { Command } from "commander";
import { PRESET_NAMES, isPreset, type ModelPreset } from "@orderbench/core/presets";
import { BACKENDS, isBackend, type BackendName } from "@orderbench/engine/backend";
import type { TrainingBench } from "@orderbench/engine/bench";
import { UsageError } from "../usage-error";
import { userPath, type Env } from "../env";

const run = promisify(execFile);

interface BenchOptions {
  backends: string;
  presets?: string;
  write?: string;
}

/** One line of bench-one.ts for a training configuration. */
interface TrainRow extends TrainingBench {
  backend: BackendName;
  peakRssMB: number;
  device: string;
}

/** Timed steps per configuration: enough for a stable mean, few enough for the slow cpu backend. */
const STEPS: Record<string, number> = { "wasm:nanogpt": 40, "wasm:gpt2-mini": 8, "wasm:gpt2-small": 2, "cpu:nanogpt": 4, "cpu:gpt2-mini": 1, "cpu:gpt2-small": 1 };
const BATCHES: Record<string, number[]> = { nanogpt: [64, 256], "gpt2-mini": [64, 256], "gpt2-small": [64], "wasm:gpt2-small": [8, 32] };
/** Presets measured when --presets is not given: gpt2-small takes minutes a step on the JavaScript cpu backend. */
const DEFAULT_PRESETS: Record<string, ModelPreset[]> = { cpu: ["nanogpt", "gpt2-mini"] };
const ALL_PRESETS: ModelPreset[] = ["nanogpt", "gpt2-mini", "gpt2-small"];

export function registerBench(program: Command, env: Env): void {
  program
    .command("bench")
    .description("training throughput, ms/step and peak RSS per backend and preset, matmul GFLOP/s, and parallel scaling")
    .option("--backends <list>", `comma-separated: ${BACKENDS.join(", ")}`, "wasm,cpu")
    .option("--presets <list>", `comma-separated: ${PRESET_NAMES.join(", ")} (default: all three; nanogpt,gpt2-mini on cpu)`)
    .option("--write <file>", "replace the engine section of this Markdown file (docs/benchmarks.md)")
    .action(async (o: BenchOptions) => {
      const backends = list(o.backends, isBackend, "backend", BACKENDS);
      const chosen = o.presets === undefined ? undefined : list(o.presets, isPreset, "preset", PRESET_NAMES);
      const rows: TrainRow[] = [];
      const matmuls: { backend: string; n: number; gflops: number; device: string }[] = [];
      for (const backend of backends) {
        const n = backend === "cpu" ? 256 : 1024;
        matmuls.push(await child({ kind: "matmul", backend, n }));
        console.log(`matmul ${backend} ${n}³: ${matmuls.at(-1)?.gflops.toFixed(1)} GFLOP/s`);
        for (const preset of chosen ?? DEFAULT_PRESETS[backend] ?? ALL_PRESETS) {
          for (const batchSize of backend === "cpu" ? [64] : (BATCHES[`${backend}:${preset}`] ?? BATCHES[preset] ?? [64])) {
            const steps = STEPS[`${backend}:${preset}`] ?? 3;
            const r = (await child({ kind: "train", backend, preset, batchSize, steps })) as TrainRow;
            rows.push(r);
            console.log(`${backend} ${preset} batch ${batchSize}: ${Math.round(r.tokensPerSec)} tok/s, ${r.msPerStep.toFixed(1)} ms/step, peak RSS ${Math.round(r.peakRssMB)} MB`);
          }
        }
      }
      // Scaling: the same nanogpt run in one process per core at once, as `compare` runs them.
      const cores = cpus().length;
      const cfg = { kind: "train", backend: "wasm", preset: "nanogpt", batchSize: 64, steps: 40 } as const;
      const single = rows.find((r) => r.backend === "wasm" && r.preset === "nanogpt" && r.batchSize === 64) ?? ((await child(cfg)) as TrainRow);
      const parallel = (await Promise.all(Array.from({ length: cores }, () => child(cfg)))) as TrainRow[];
      const total = parallel.reduce((s, r) => s + r.tokensPerSec, 0);
      // A run alone also uses the other cores for V8's background threads (GC, compilation), so the per-core
      // baseline of the scaling is the same run pinned to one core, where taskset exists.
      const pinned = (await child(cfg, ["taskset", "-c", "0"]).catch(() => null)) as TrainRow | null;
      const vsPinned = pinned ? `, ${(total / pinned.tokensPerSec).toFixed(2)}× one run pinned to one core (${Math.round(pinned.tokensPerSec)} tok/s)` : "";
      console.log(`parallel: ${cores} × wasm nanogpt batch 64 = ${Math.round(total)} tok/s (${(total / single.tokensPerSec).toFixed(2)}× one run${vsPinned})`);
      if (o.write) await writeSection(userPath(env, o.write), render(rows, matmuls, { cores, total, single: single.tokensPerSec, pinned: pinned?.tokensPerSec ?? null }));
    });
}

/** Runs bench-one.ts (under `wrapper`, e.g. taskset, when given); its JSON line is a TrainRow or a matmul row, by `kind`. */
async function child(cfg: Record<string, unknown>, wrapper: string[] = []): Promise<any> {
  const script = new URL("./bench-one.ts", import.meta.url).pathname;
  const tsx = import.meta.resolve("tsx");
  const args = [process.execPath, "--import", tsx, script, JSON.stringify(cfg)];
  const [cmd, ...rest] = [...wrapper, ...args] as [string, ...string[]];
  const { stdout } = await run(cmd, rest, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split("\n").at(-1) as string);
}

function list<T extends string>(value: string, ok: (s: string) => s is T, what: string, valid: readonly string[]): T[] {
  const items = value.split(",").map((s) => s.trim()).filter(Boolean);
  for (const s of items) if (!ok(s)) throw new UsageError(`unknown ${what} "${s}"; valid: ${valid.join(", ")}`);
  if (items.length === 0) throw new UsageError(`no ${what} given; valid: ${valid.join(", ")}`);
  return items as T[];
}

const START = "<!-- bench:engine:start -->";
const END = "<!-- bench:engine:end -->";

function render(rows: TrainRow[], matmuls: { backend: string; n: number; gflops: number; device: string }[], par: { cores: number; total: number; single: number; pinned: number | null }): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    START,
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on ${cpus().length} cores (${cpu}), Node ${process.version}.`,
    "Task mul:2 (block size 9), tokens = batch × block size per step, after 3 untimed warm-up steps; each row in its own process.",
    "",
    "| backend | device | preset | params | batch | tokens/s | ms/step | peak RSS (MB) | timed steps |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.backend} | ${r.device} | ${r.preset} | ${r.numParams.toLocaleString("en-US")} | ${r.batchSize} | ${Math.round(r.tokensPerSec).toLocaleString("en-US")} | ${r.msPerStep.toFixed(1)} | ${Math.round(r.peakRssMB)} | ${r.steps} |`,
    ),
    "",
    "| backend | matmul | GFLOP/s |",
    "|---|---|---|",
    ...matmuls.map((m) => `| ${m.backend} | ${m.n}×${m.n}×${m.n} fp32 | ${m.gflops.toFixed(1)} |`),
    "",
    `Parallel scaling: ${par.cores} processes of wasm nanogpt batch 64 at once gave ${Math.round(par.total).toLocaleString("en-US")} tokens/s in total, ${(par.total / par.single).toFixed(2)}× one run alone (${Math.round(par.single).toLocaleString("en-US")} tokens/s)` +
      (par.pinned === null
        ? "."
        : ` and ${(par.total / par.pinned).toFixed(2)}× one run pinned to one core with taskset (${Math.round(par.pinned).toLocaleString("en-US")} tokens/s): a run alone also uses the other core for V8's background threads.`),
    END,
  ];
  return lines.join("\n");
}

async function writeSection(file: string, section: string): Promise<void> {
  const old = await readFile(file, "utf8").catch(() => "# Benchmarks\n");
  const i = old.indexOf(START);
  const j = old.indexOf(END);
  const next = i >= 0 && j > i ? `${old.slice(0, i)}${section}${old.slice(j + END.length)}` : `${old.trimEnd()}\n\n## Engine\n\n${section}\n`;
  await writeFile(file, next);
  console.log(`wrote ${file}`);
}
