import type { ApiEvent, ApiEventListener } from "./events";

/**
 * Fan-out of ApiEvents to this process's subscriptions. `subscribe` takes effect before it returns, so a
 * subscription that subscribes and then reads the database cannot miss an event published after the read.
 */
export interface PubSub {
  publish(...events: ApiEvent[]): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(listener: ApiEventListener): () => void;
  close(): Promise<void>;
}

/** Listeners of one process; delivery is asynchronous so a publisher never runs subscriber code inline. */
export class LocalListeners {
  readonly #listeners = new Set<ApiEventListener>();

  add(listener: ApiEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  deliver(event: ApiEvent): void {
    for (const listener of [...this.#listeners]) {
      queueMicrotask(() => {
        try {
          listener(event);
        } catch (e) {
          console.error("orderbench-api: subscription listener failed:", e);
        }
      });
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
