/**
 * A training thread of `compare`: runs one RunSpec at a time on its own tfjs instance (each
 * worker_thread has its own module graph, so its own wasm backend) and reports progress.
 */
import { parentPort } from "node:worker_threads";
import type { RunPlan } from "@orderbench/core/plan";
import { planAnyRun } from "@orderbench/data/plan-run";
import { TextTaskCache } from "@orderbench/data/text-task";
import { DataError } from "@orderbench/data/errors";
import { BackendUnavailableError, selectBackend, type BackendInfo } from "@orderbench/engine/backend";
import { executeRun } from "@orderbench/engine/run";
import { runSummary } from "../summary";
import type { JobMessage, ProgressMessage } from "./messages";

const port = parentPort;
if (!port) throw new Error("run-thread must run as a worker thread");
const post = (m: ProgressMessage): void => port.postMessage(m);
let backend: BackendInfo | undefined;
/** Progress messages at most this often, so messaging stays off the hot loop. */
const STEP_MESSAGE_MS = 250;
/**
 * The last plan, by spec without its seed: a plan does not depend on the run seed, so the seeds of a
 * strategy that follow one another on this thread load the dataset once.
 */
let cached: { key: string; plan: RunPlan } | undefined;
/** Runs follow one another strategy by strategy, so the plan cache alone would reload a text dataset for each. */
const texts = new TextTaskCache();

port.on("message", async (m: JobMessage) => {
  if (m.type === "exit") {
    port.close();
    return;
  }
  try {
    backend ??= await selectBackend(m.backend);
    const { seed: _seed, ...planned } = m.spec;
    const key = JSON.stringify({ planned, dataDir: m.dataDir, permutation: m.permutation });
    if (cached?.key !== key) {
      cached = { key, plan: await planAnyRun(m.spec, { ...(m.dataDir ? { dataDir: m.dataDir } : {}), ...(m.permutation ? { permutation: m.permutation } : {}), texts }) };
    }
    let last = 0;
    const { plan, result } = await executeRun(m.spec, {
      onStep: (s) => {
        const now = performance.now();
        if (now - last < STEP_MESSAGE_MS && s.step !== s.totalSteps) return;
        last = now;
        post({ type: "step", id: m.id, step: s.step, total: s.totalSteps, loss: s.loss, tokensPerSec: s.tokensPerSec });
      },
      onEval: (e) => post({ type: "eval", id: m.id, step: e.step, value: e.primary }),
    }, cached.plan);
    post({ type: "done", id: m.id, summary: runSummary(m.spec, plan, result, backend) });
  } catch (err) {
    const kind = err instanceof BackendUnavailableError ? "backend" : err instanceof DataError ? "data" : "other";
    post({ type: "error", id: m.id, kind, message: kind === "other" ? ((err as Error).stack ?? String(err)) : (err as Error).message });
  }
});
