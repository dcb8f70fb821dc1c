import type { MetricPoint } from "../metric-buffer";
import { RunLostError, type ClaimedRun, type HeartbeatAnswer, type RunProgress, type RunSummaryPayload, type WorkerApi } from "../worker-api";

export type FakeCall =
  | { type: "reportMetrics"; steps: number[] }
  | { type: "reportCheckpoint"; step: number; storedThrough: number }
  | { type: "heartbeat"; step: number }
  | { type: "downloadCheckpoint"; id: string }
  | { type: "completeRun"; summary: RunSummaryPayload; stored: number }
  | { type: "failRun"; error: string; diverged: boolean }
  | { type: "releaseRun" }
  | { type: "declineRun"; reason: string };

/**
 * The API side of the worker protocol for one run, in memory, with the API's rules: points are stored
 * once per (name, step), and a worker that no longer holds the run gets RunLostError. Tests steer it
 * through the hooks (fail a send, request a cancel, take the lease away).
 */
export class FakeWorkerApi implements WorkerApi {
  readonly calls: FakeCall[] = [];
  /** Stored points by `name@step`. */
  readonly points = new Map<string, MetricPoint>();
  readonly checkpoints = new Map<string, { step: number; bytes: Uint8Array }>();
  /** Run-scoped calls refused with RunLostError, by type. */
  readonly refused: string[] = [];
  held = true;
  cancelRequested = false;
  /** Called before a reportMetrics batch is stored; throw to fail the send ("before") or return "after" to store it and then fail. */
  metricsHook: (batch: MetricPoint[]) => void | "after" = () => {};
  heartbeatHook: (progress: RunProgress) => void = () => {};

  constructor(readonly runId: string) {}

  claimRun(): Promise<ClaimedRun | null> {
    throw new Error("runJob does not claim");
  }

  async heartbeat(progress: RunProgress[]): Promise<HeartbeatAnswer[]> {
    await tick();
    for (const p of progress) {
      this.calls.push({ type: "heartbeat", step: p.step });
      this.heartbeatHook(p);
    }
    return progress.map((p) => ({ runId: p.runId, held: this.held, cancelRequested: this.cancelRequested }));
  }

  async reportMetrics(runId: string, points: MetricPoint[]): Promise<void> {
    await tick();
    this.requireHeld(runId, "reportMetrics");
    const after = this.metricsHook(points) === "after";
    for (const p of points) if (!this.points.has(`${p.name}@${p.step}`)) this.points.set(`${p.name}@${p.step}`, p);
    this.calls.push({ type: "reportMetrics", steps: points.map((p) => p.step) });
    if (after) throw new Error("connection reset after the batch was stored");
  }

  async reportCheckpoint(runId: string, step: number, bytes: Uint8Array): Promise<void> {
    await tick();
    this.requireHeld(runId, "reportCheckpoint");
    this.checkpoints.set(`ck-${step}`, { step, bytes: bytes.slice() });
    this.calls.push({ type: "reportCheckpoint", step, storedThrough: this.storedThrough() });
  }

  async downloadCheckpoint(id: string): Promise<Uint8Array> {
    await tick();
    const ck = this.checkpoints.get(id);
    if (!ck) throw new Error(`no checkpoint ${id}`);
    this.calls.push({ type: "downloadCheckpoint", id });
    return ck.bytes.slice();
  }

  async completeRun(runId: string, summary: RunSummaryPayload): Promise<void> {
    await tick();
    this.requireHeld(runId, "completeRun");
    this.held = false;
    this.calls.push({ type: "completeRun", summary, stored: this.points.size });
  }

  async failRun(runId: string, error: string, diverged: boolean): Promise<void> {
    await tick();
    this.requireHeld(runId, "failRun");
    this.held = false;
    this.calls.push({ type: "failRun", error, diverged });
  }

  async releaseRun(runId: string): Promise<void> {
    await tick();
    this.requireHeld(runId, "releaseRun");
    this.held = false;
    this.calls.push({ type: "releaseRun" });
  }

  async declineRun(runId: string, reason: string): Promise<void> {
    await tick();
    this.requireHeld(runId, "declineRun");
    this.held = false;
    this.calls.push({ type: "declineRun", reason });
  }

  /** Stored steps of one metric, ascending. */
  steps(name: string): number[] {
    return [...this.points.values()].filter((p) => p.name === name).map((p) => p.step).sort((a, b) => a - b);
  }

  /** Every reportMetrics step, in the order sent. */
  sentSteps(): number[] {
    return this.calls.flatMap((c) => (c.type === "reportMetrics" ? c.steps : []));
  }

  /** Largest s such that every loss step 1..s is stored. */
  storedThrough(): number {
    const steps = new Set(this.steps("loss"));
    let s = 0;
    while (steps.has(s + 1)) s++;
    return s;
  }

  private requireHeld(runId: string, call: FakeCall["type"]): void {
    if (runId !== this.runId) throw new Error(`unknown run ${runId}`);
    if (!this.held) {
      this.refused.push(call);
      throw new RunLostError(`worker does not hold run ${runId}`);
    }
  }
}

/** Answers asynchronously, as the network does. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
