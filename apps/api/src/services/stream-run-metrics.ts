import { getMetricSeries, getRun, type MetricSeries } from "@orderbench/db/queries";
import { TERMINAL_RUN_STATUSES, type RunStatus } from "@orderbench/db/schema";
import { notFound } from "../errors";
import type { ApiEvent } from "../pubsub/events";
import { EventStream } from "../pubsub/event-stream";
import type { ServiceContext } from "./context";
import { pointOut, type MetricPointOut } from "./metric-values";

export interface MetricBatch {
  runId: string;
  points: MetricPointOut[];
}

/** Points per message: a replay of a long run is sent in several. */
export const MAX_POINTS_PER_BATCH = 5000;

const isTerminal = (status: RunStatus) => (TERMINAL_RUN_STATUSES as readonly RunStatus[]).includes(status);

/**
 * Reads of a run's points after a step, shared by the subscriptions that need the same read at the same
 * time: every dashboard following a run hears of a batch at once and asks for the same points, and 100 of
 * them would otherwise make 100 identical queries per batch. A subscription joins a read only if it
 * started after the subscription heard of its latest event (the read then sees that event's points, which
 * were committed before it was published); otherwise it starts its own. `order` counts both moments in the
 * order this process runs them.
 */
let order = 0;
const sharedReads = new WeakMap<object, Map<string, { started: number; read: Promise<MetricSeries[]> }>>();

function readPointsAfter(db: ServiceContext["db"], runId: string, sinceStep: number, heard: number): Promise<MetricSeries[]> {
  let reads = sharedReads.get(db);
  if (!reads) sharedReads.set(db, (reads = new Map()));
  const key = `${runId} ${sinceStep}`;
  const current = reads.get(key);
  if (current && current.started > heard) return current.read;
  const entry = { started: ++order, read: getMetricSeries(db, { runIds: [runId], sinceStep }) };
  reads.set(key, entry);
  const done = () => {
    if (reads.get(key) === entry) reads.delete(key);
  };
  entry.read.then(done, done);
  return entry.read;
}

/**
 * A run's points with step > sinceStep: first those stored, then new ones as they are reported, each
 * (name, step) once; ends after the last point once the run has finished.
 *
 * No point is lost between the replay and the live phase: the stream subscribes to events *before* it reads
 * the stored points, so a point committed after the read has an event queued. Each event names a step
 * range, which is read back from the database, and a per-metric high-water mark drops what was already
 * sent. A worker reports each metric in step order (a resumed run resends older steps, which the database
 * ignores), so the mark loses nothing.
 */
export async function streamRunMetrics(
  { db, pubsub }: Pick<ServiceContext, "db" | "pubsub">,
  input: { runId: string; sinceStep?: number | null },
): Promise<EventStream<MetricBatch>> {
  const stream = new EventStream<MetricBatch>();
  const floor = input.sinceStep ?? -1;
  const sent = new Map<string, number>();
  const pending: ApiEvent[] = [];
  let wake: (() => void) | null = null;
  /** When (in readPointsAfter's order) the latest event arrived; the subscription counts as hearing of everything before it started. */
  let heard = ++order;
  const unsubscribe = pubsub.subscribe((event) => {
    if ((event.type === "metrics" || event.type === "run") && event.runId === input.runId) {
      pending.push(event);
      heard = ++order;
      wake?.();
    }
  });
  stream.onClose(() => {
    unsubscribe();
    wake?.();
  });

  const readAfter = async (step: number) => {
    const series = await readPointsAfter(db, input.runId, step, heard);
    const fresh: MetricPointOut[] = [];
    for (const s of series) {
      let mark = sent.get(s.name) ?? floor;
      for (const p of s.points) {
        if (p.step <= mark) continue;
        fresh.push(pointOut(s.name, p));
        mark = p.step;
      }
      sent.set(s.name, mark);
    }
    fresh.sort((a, b) => a.step - b.step || a.name.localeCompare(b.name));
    for (let i = 0; i < fresh.length; i += MAX_POINTS_PER_BATCH) stream.push({ runId: input.runId, points: fresh.slice(i, i + MAX_POINTS_PER_BATCH) });
  };
  const lowestMark = () => (sent.size === 0 ? floor : Math.min(...sent.values()));

  const run = await getRun(db, input.runId);
  if (!run) {
    await stream.return();
    throw notFound("run", input.runId, "runId");
  }
  void (async () => {
    await readAfter(floor);
    if (isTerminal(run.status)) return;
    while (!stream.closed) {
      if (pending.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      const events = pending.splice(0);
      const finished = events.some((e) => e.type === "run" && isTerminal(e.status));
      const ranges = events.flatMap((e) => (e.type === "metrics" ? [e.fromStep] : []));
      // A finished run gets one last read from the lowest mark, so nothing reported just before the end is missed.
      if (finished) {
        await readAfter(lowestMark());
        return;
      }
      if (ranges.length > 0) await readAfter(Math.max(floor, Math.min(...ranges) - 1));
    }
  })().then(
    () => stream.end(),
    (e: unknown) => stream.fail(e),
  );
  return stream;
}
