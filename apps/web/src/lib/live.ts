/**
 * Subscription events folded into "the latest value per id", each stamped with a sequence number. A page
 * shows a query result until an event newer than that result arrives for the same id: after a refetch (on
 * reconnect, or after a mutation) the fresh result wins over every event received before it.
 */
export interface Tracked<T> {
  seq: number;
  byId: ReadonlyMap<string, { seq: number; value: T }>;
}

export function track<T>(prev: Tracked<T> | undefined, id: string, value: T): Tracked<T> {
  const seq = (prev?.seq ?? 0) + 1;
  return { seq, byId: new Map(prev?.byId).set(id, { seq, value }) };
}

/** The event value for `id` if it came after sequence number `since`. */
export function newer<T>(tracked: Tracked<T> | undefined, id: string, since: number): T | undefined {
  const e = tracked?.byId.get(id);
  return e && e.seq > since ? e.value : undefined;
}

/** Events newer than `since`, for ids a query result does not contain. */
export function newerEntries<T>(tracked: Tracked<T> | undefined, since: number): [string, T][] {
  if (!tracked) return [];
  return [...tracked.byId].filter(([, e]) => e.seq > since).map(([id, e]) => [id, e.value]);
}

/**
 * The sequence number a query result starts from: the events' count when this `data` first rendered. Kept
 * per data object, so a re-render with the same result keeps it.
 */
export class SeqMarks {
  private readonly marks = new WeakMap<object, number>();
  mark(data: object | undefined, seq: number): number {
    if (!data) return seq;
    let m = this.marks.get(data);
    if (m === undefined) this.marks.set(data, (m = seq));
    return m;
  }
}
