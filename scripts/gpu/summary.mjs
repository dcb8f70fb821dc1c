// Summarises a device-run.sh results directory: node scripts/gpu/summary.mjs OUT
// Dependency-free, so the bare node of a GPU host runs it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2] ?? ".";
const read = (f) => (existsSync(join(out, f)) ? readFileSync(join(out, f), "utf8") : "");
const lines = ["== summary"];

const gpu = read("nvidia-smi.txt").match(/NVIDIA (H\d+[^|]*?)\s{2,}/);
if (gpu) lines.push(`GPU: NVIDIA ${gpu[1].trim()}`);

lines.push("benchmarks (bench.jsonl):");
for (const raw of read("bench.jsonl").split("\n").filter(Boolean)) {
  let r;
  try {
    r = JSON.parse(raw);
  } catch {
    lines.push(`  unreadable line: ${raw.slice(0, 120)}`);
    continue;
  }
  if (r.error) {
    const c = r.config ?? {};
    lines.push(`  ${c.kind === "matmul" ? `matmul ${c.n}³` : `${c.preset} batch ${c.batchSize}`} (${c.backend}): ${r.error}`);
  } else if (r.kind === "matmul") {
    lines.push(`  matmul ${r.n}³ (${r.backend}): ${r.gflops.toFixed(0)} GFLOP/s   [${r.device}]`);
  } else {
    lines.push(
      `  ${r.preset} batch ${r.batchSize} (${r.backend}): ${Math.round(r.tokensPerSec)} tok/s, ${r.msPerStep.toFixed(1)} ms/step, ` +
        `${(r.numParams / 1e6).toFixed(2)}M params, peak RSS ${Math.round(r.peakRssMB)} MB, ${r.wallSeconds}s wall`,
    );
  }
}

const worker = read("worker.log").split("\n").find((l) => l.startsWith("worker "));
lines.push(`worker: ${worker ?? "(no start line in worker.log)"}`);
const exp = read("experiment-summary.txt").trim();
lines.push(exp ? `experiment:\n${exp}` : "experiment: no experiment-summary.txt (see device-run.log, api.log, worker.log)");
const errors = read("worker.log")
  .split("\n")
  .filter((l) => /error|crashed|failed|^orderbench-worker:/i.test(l))
  .slice(0, 5);
if (errors.length) lines.push("worker log errors:", ...errors.map((l) => `  ${l.slice(0, 200)}`));
console.log(lines.join("\n"));
