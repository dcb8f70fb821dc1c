/**
 * Metric points waiting to reach the API. Points leave the buffer only when the API acknowledged
 * them; a failed send keeps them in front, and the API's writes are idempotent on (run, name, step),
 * so a resend after an unclear failure can duplicate nothing.
 *
 * Points go out in whole steps: the newest step is held back until a later step arrives or `seal()`
 * says it is complete, and a batch never ends inside a step (unless one step alone is over the batch
 * limit). A `runMetrics` subscriber that has seen step s has then seen every point of step s, so it can
 * resume with sinceStep = s and miss nothing (the contract in packages/client/schema.graphql).
 */
export interface MetricPoint {
  name: string;
  step: number;
  /** null for NaN/Infinity, which JSON cannot carry; `nonFinite` says which. */
  value: number | null;
  nonFinite?: "NAN" | "POSITIVE_INFINITY" | "NEGATIVE_INFINITY";
  wallTime: string;
}

export type SendBatch = (batch: MetricPoint[]) => Promise<void>;

export class MetricBuffer {
  /** In step order: a run's callbacks report step s completely before step s + 1. */
  private points: MetricPoint[] = [];
  private sealedThrough = Number.NEGATIVE_INFINITY;
  /** Flushes run one after another; two at once would both send, then both drop, the same batch. */
  private tail: Promise<unknown> = Promise.resolve();
  private flushes = 0;

  constructor(private readonly maxBatch: number) {}

  get size(): number {
    return this.points.length;
  }

  /** A flush is running or waiting to run. */
  get flushing(): boolean {
    return this.flushes > 0;
  }

  add(name: string, step: number, value: number, at = new Date()): void {
    const last = this.points.at(-1);
    if (last && step < last.step) throw new RangeError(`metric ${name} at step ${step} arrived after step ${last.step}; points must come in step order`);
    const wallTime = at.toISOString();
    if (Number.isFinite(value)) this.points.push({ name, step, value, wallTime });
    else this.points.push({ name, step, value: null, nonFinite: Number.isNaN(value) ? "NAN" : value > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY", wallTime });
  }

  /** Every step buffered so far is complete: the next flush may send it. */
  seal(): void {
    const last = this.points.at(-1);
    if (last) this.sealedThrough = Math.max(this.sealedThrough, last.step);
  }

  /**
   * Sends the complete steps in batches of at most maxBatch, in order, after any flush already running.
   * Stops at the first failure with the unsent points (that batch included) kept for the next flush,
   * then rethrows.
   */
  flush(send: SendBatch): Promise<number> {
    this.flushes += 1;
    const run = this.tail.then(() => this.sendReady(send)).finally(() => void (this.flushes -= 1));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async sendReady(send: SendBatch): Promise<number> {
    let sent = 0;
    for (let batch = this.nextBatch(); batch.length > 0; batch = this.nextBatch()) {
      await send(batch);
      this.points = this.points.slice(batch.length);
      sent += batch.length;
    }
    return sent;
  }

  private nextBatch(): MetricPoint[] {
    const newest = this.points.at(-1)?.step ?? 0;
    const ready = (p: MetricPoint): boolean => p.step < newest || p.step <= this.sealedThrough;
    let end = 0;
    while (end < this.points.length && end < this.maxBatch + 1 && ready(this.points[end] as MetricPoint)) end++;
    if (end <= this.maxBatch) return this.points.slice(0, end);
    // Over the limit: end the batch at the last step boundary that fits.
    let cut = this.maxBatch;
    while (cut > 0 && this.points[cut]?.step === this.points[cut - 1]?.step) cut--;
    return this.points.slice(0, cut > 0 ? cut : this.maxBatch);
  }
}
