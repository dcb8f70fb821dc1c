/**
 * Metric points waiting to reach the API. Points leave the buffer only when the API acknowledged
 * them; a failed send puts them back in front, and the API's writes are idempotent on
 * (run, name, step), so a resend after an unclear failure can duplicate nothing.
 */
export interface MetricPoint {
  name: string;
  step: number;
  /** null for NaN/Infinity, which JSON cannot carry; `nonFinite` says which. */
  value: number | null;
  nonFinite?: "NAN" | "POSITIVE_INFINITY" | "NEGATIVE_INFINITY";
  wallTime: string;
}

export class MetricBuffer {
  private points: MetricPoint[] = [];

  constructor(private readonly maxBatch: number) {}

  get size(): number {
    return this.points.length;
  }

  add(name: string, step: number, value: number, at = new Date()): void {
    const wallTime = at.toISOString();
    if (Number.isFinite(value)) this.points.push({ name, step, value, wallTime });
    else this.points.push({ name, step, value: null, nonFinite: Number.isNaN(value) ? "NAN" : value > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY", wallTime });
  }

  /**
   * Sends the buffered points in batches of at most maxBatch, in order. Stops at the first failure
   * with the unsent points (that batch included) kept for the next flush, then rethrows.
   */
  async flush(send: (batch: MetricPoint[]) => Promise<void>): Promise<number> {
    let sent = 0;
    while (this.points.length > 0) {
      const batch = this.points.slice(0, this.maxBatch);
      await send(batch);
      this.points = this.points.slice(batch.length);
      sent += batch.length;
    }
    return sent;
  }
}
