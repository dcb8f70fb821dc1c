import type { ApiEvent } from "./events";
import type { PubSub } from "./pubsub";

/**
 * A push-based AsyncIterableIterator for subscriptions. Unlike an async generator, `return()` (a client
 * unsubscribing) ends it at once even while it waits for the next value, and runs the cleanup.
 */
export class EventStream<T> implements AsyncIterableIterator<T> {
  readonly #queue: T[] = [];
  readonly #waiting: ((result: IteratorResult<T>) => void)[] = [];
  readonly #rejecters: ((error: unknown) => void)[] = [];
  readonly #cleanups: (() => void)[] = [];
  #done = false;
  #error: unknown = undefined;

  get closed(): boolean {
    return this.#done;
  }

  onClose(cleanup: () => void): void {
    if (this.#done) cleanup();
    else this.#cleanups.push(cleanup);
  }

  push(value: T): void {
    if (this.#done) return;
    const resolve = this.#waiting.shift();
    this.#rejecters.shift();
    if (resolve) resolve({ value, done: false });
    else this.#queue.push(value);
  }

  /** Ends the stream after the values already pushed. */
  end(): void {
    this.#finish();
  }

  /** Ends the stream with an error, delivered after the values already pushed. */
  fail(error: unknown): void {
    if (this.#done) return;
    this.#error = error;
    this.#finish();
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    if (this.#queue.length === 0) this.#settleWaiters();
  }

  #settleWaiters(): void {
    const waiting = this.#waiting.splice(0);
    const rejecters = this.#rejecters.splice(0);
    if (this.#error !== undefined) {
      const error = this.#error;
      this.#error = undefined;
      rejecters.forEach((reject) => reject(error));
    } else {
      waiting.forEach((resolve) => resolve({ value: undefined, done: true }));
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#queue.length > 0) return Promise.resolve({ value: this.#queue.shift() as T, done: false });
    if (this.#done) {
      if (this.#error !== undefined) {
        const error = this.#error;
        this.#error = undefined;
        return Promise.reject(error);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.#waiting.push(resolve);
      this.#rejecters.push(reject);
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.#queue.length = 0;
    this.#error = undefined;
    this.#finish();
    this.#settleWaiters();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * The events that pass `filter`, each mapped through `map` (async: it may read the database), in order.
 * Events that map to undefined are skipped; a mapping error ends the stream with the error.
 */
export function mappedStream<T>(pubsub: PubSub, filter: (event: ApiEvent) => boolean, map: (event: ApiEvent) => Promise<T | undefined>): EventStream<T> {
  const stream = new EventStream<T>();
  let chain = Promise.resolve();
  const unsubscribe = pubsub.subscribe((event) => {
    if (!filter(event)) return;
    chain = chain.then(async () => {
      if (stream.closed) return;
      try {
        const value = await map(event);
        if (value !== undefined) stream.push(value);
      } catch (e) {
        stream.fail(e);
      }
    });
  });
  stream.onClose(unsubscribe);
  return stream;
}
