/**
 * One benchmark configuration in its own process, so its peak RSS is its own: tfjs-wasm memory grows
 * with batch size and is never returned to the OS (ENGINE.md). Prints one JSON line.
 */
import type { ModelPreset } from "@orderbench/core/presets";
import { selectBackend, type BackendName } from "@orderbench/engine/backend";
import { benchMatmul, benchTraining } from "@orderbench/engine/bench";

const cfg = JSON.parse(process.argv[2] ?? "{}") as
  | { kind: "train"; backend: BackendName; preset: ModelPreset; batchSize: number; steps: number }
  | { kind: "matmul"; backend: BackendName; n: number };
const info = await selectBackend(cfg.backend);
const result = cfg.kind === "train" ? await benchTraining(cfg) : await benchMatmul(cfg.n);
process.stdout.write(`${JSON.stringify({ ...cfg, ...result, device: info.device, peakRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
process.exit(0);
