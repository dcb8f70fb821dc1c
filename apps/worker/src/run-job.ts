import { memoryUsage } from "node:process";
import { RunSpecSchema } from "@orderbench/core/spec";
import { deserializeCheckpoint, serializeCheckpoint } from "@orderbench/engine/checkpoint";
import { planAnyRun } from "@orderbench/data/plan-run";
import type { TextTaskCache } from "@orderbench/data/text-task";
import { BackendCapacityError } from "@orderbench/engine/backend";
import { executeRun } from "@orderbench/engine/run";
import { MetricBuffer, type MetricPoint, type SendBatch } from "./metric-buffer";
import { RunLostError, type ClaimedRun, type WorkerApi } from "./worker-api";

export interface JobOptions {
  /** Aborted on SIGTERM: the run checkpoints and goes back to the queue. */
  shutdown: AbortSignal;
  heartbeatMs: number;
  flushMs: number;
  maxBatch: number;
  log: (line: string) => void;
  /**
   * Where text datasets are (ORDERBENCH_DATA_DIR). Without one a text run fails with an error naming
   * ORDERBENCH_DATA_DIR; the worker then also tells the API not to hand it text runs (`text: false`).
   */
  dataDir?: string;
  /** Keeps the last text task loaded, so runs of one experiment that follow one another read it once. */
  texts?: TextTaskCache;
}

export type JobOutcome = "completed" | "diverged" | "cancelled" | "released" | "declined" | "lost" | "failed";

/**
 * One claimed run, start to finish: resume from the run's checkpoint if it has one, train, stream
 * metrics every `flushMs`, heartbeat every `heartbeatMs` (which also delivers cancellation), upload
 * checkpoints, and report the end. A run the backend cannot train (a model beyond the wasm heap) is
 * declined: given back to the queue for workers of other backends rather than failed. Idempotent per run:
 * a retry resumes from the last checkpoint and re-sent metric points are deduplicated by the API. A run the worker no longer holds (the heartbeat
 * says so, or a report is refused with RunLostError) stops at once and reports nothing more.
 */
export async function runJob(api: WorkerApi, run: ClaimedRun, o: JobOptions): Promise<JobOutcome> {
  const buffer = new MetricBuffer(o.maxBatch);
  const send = (points: MetricPoint[]): Promise<void> => api.reportMetrics(run.id, points);
  const stop = new AbortController();
  let cancelled = false;
  let lost = false;
  let progress = { step: 0, tokens: 0, total: 1 };
  const onShutdown = (): void => stop.abort();
  // A shutdown that came while this run was being claimed: hand it straight back.
  if (o.shutdown.aborted) stop.abort();
  o.shutdown.addEventListener("abort", onShutdown);
  const loseRun = (why: string): void => {
    if (!lost) o.log(`run ${run.id}: ${why}; stopping without reporting`);
    lost = true;
    stop.abort();
  };

  const flush = async (): Promise<void> => {
    try {
      await buffer.flush(send);
    } catch (err) {
      if (err instanceof RunLostError) loseRun(err.message);
      else o.log(`run ${run.id}: metrics kept for the next flush (${(err as Error).message})`);
    }
  };
  const beat = async (): Promise<void> => {
    try {
      const [answer] = await api.heartbeat([{ runId: run.id, step: progress.step, tokens: progress.tokens, progress: progress.step / progress.total }]);
      if (answer && !answer.held) loseRun("lease lost");
      else if (answer?.cancelRequested) {
        cancelled = true;
        stop.abort();
      }
    } catch (err) {
      o.log(`run ${run.id}: heartbeat failed (${(err as Error).message})`);
    }
  };
  // A flush still waiting on the API (restarting) is not joined by another one every tick.
  const flushTimer = setInterval(() => void (buffer.flushing || flush()), o.flushMs);
  const beatTimer = setInterval(() => void beat(), o.heartbeatMs);

  try {
    const spec = RunSpecSchema.parse(run.spec);
    const resume = run.checkpointId ? deserializeCheckpoint(await api.downloadCheckpoint(run.checkpointId)) : undefined;
    if (resume) o.log(`run ${run.id}: resuming attempt ${run.attempt} from step ${resume.step}`);
    const plan = await planAnyRun(spec, { ...(o.dataDir === undefined ? {} : { dataDir: o.dataDir }), ...(o.texts ? { texts: o.texts } : {}) });
    const { result } = await executeRun(spec, {
      signal: stop.signal,
      ...(resume ? { resume } : {}),
      onStep: async (s) => {
        progress = { step: s.step, tokens: s.tokens, total: s.totalSteps };
        buffer.add("loss", s.step, s.loss);
        buffer.add("lr", s.step, s.lr);
        buffer.add("grad_norm", s.step, s.gradNorm);
        buffer.add("tokens", s.step, s.tokens);
        buffer.add("tokens_per_sec", s.step, s.tokensPerSec);
        buffer.add("memory_mb", s.step, memoryUsage.rss() / 2 ** 20);
        // On wasm and cpu a step's tensor reads resolve as microtasks, so the loop never reaches the
        // event loop by itself: without this, no heartbeat, flush or cancellation runs between checkpoints.
        await new Promise<void>((resolve) => setImmediate(resolve));
      },
      onEval: (e) => {
        // Every metric under its stored name (docs/method.md, "Evaluation metrics"); for arithmetic:
        // exact_match, token_accuracy, loss, position_<i>_accuracy.
        for (const [name, value] of Object.entries(e.metrics)) buffer.add(`eval/${name}`, e.step, value);
      },
      onCheckpoint: async (c) => {
        if (lost) return;
        // The checkpoint becomes the resume point only once every point up to its step is stored: a
        // worker dying after it would otherwise resume past points that never arrived.
        buffer.seal();
        await drain(buffer, send, o.log);
        await api.reportCheckpoint(run.id, c.step, serializeCheckpoint(c));
      },
    }, plan);
    clearInterval(flushTimer);
    if (lost) return "lost";
    // Every point must reach the API before the run is reported finished.
    buffer.seal();
    await drain(buffer, send, o.log);
    if (result.status === "aborted") {
      if (cancelled) {
        await api.failRun(run.id, "cancelled on request", false);
        return "cancelled";
      }
      await api.releaseRun(run.id);
      return "released";
    }
    if (result.status === "diverged") {
      await api.failRun(run.id, `loss became non-finite at step ${result.step}`, true);
      return "diverged";
    }
    const f = result.final;
    const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
    await api.completeRun(run.id, {
      finalMetrics: f
        ? {
            ...Object.fromEntries(Object.entries(f.metrics).map(([name, value]) => [name, finite(value)])),
            perplexity: finite(f.perplexity),
            wall_ms: Math.round(result.elapsedMs),
            num_params: result.numParams,
          }
        : {},
      bestMetric: result.best?.value ?? null,
      bestStep: result.best?.step ?? null,
      step: result.step,
      tokens: result.tokens,
      permutation: plan.permutation,
    });
    return "completed";
  } catch (err) {
    if (lost || err instanceof RunLostError) {
      loseRun((err as Error).message);
      return "lost";
    }
    if (err instanceof BackendCapacityError) {
      // Refused before the first step (engine train): nothing was reported. A worker of another backend can train it.
      o.log(`run ${run.id}: declined: ${err.message}`);
      try {
        await api.declineRun(run.id, err.message);
        return "declined";
      } catch (declineErr) {
        if (declineErr instanceof RunLostError) return "lost";
        o.log(`run ${run.id}: could not decline it (${(declineErr as Error).message}); failing it instead`);
      }
    }
    o.log(`run ${run.id}: failed: ${(err as Error).stack ?? String(err)}`);
    buffer.seal();
    await drain(buffer, send, o.log).catch(() => undefined);
    await api.failRun(run.id, (err as Error).message, false).catch(() => undefined);
    return "failed";
  } finally {
    clearInterval(flushTimer);
    clearInterval(beatTimer);
    o.shutdown.removeEventListener("abort", onShutdown);
  }
}

/**
 * Flushes until empty, backing off between failures (the API may be restarting); a run the worker no
 * longer holds ends it at once.
 */
async function drain(buffer: MetricBuffer, send: SendBatch, log: (l: string) => void): Promise<void> {
  for (let attempt = 0; buffer.size > 0; attempt++) {
    try {
      await buffer.flush(send);
    } catch (err) {
      if (err instanceof RunLostError || attempt >= 12) throw err;
      const ms = Math.min(30_000, 250 * 2 ** attempt);
      log(`metrics not delivered (${(err as Error).message}); retrying in ${ms} ms`);
      await new Promise((r) => setTimeout(r, ms));
    }
  }
}
