import { LocalListeners, type PubSub } from "./pubsub";

/** In-process events: what PGlite needs, since only one process can open its data directory. */
export function createLocalPubSub(): PubSub {
  const listeners = new LocalListeners();
  return {
    async publish(...events) {
      for (const event of events) listeners.deliver(event);
    },
    subscribe: (listener) => listeners.add(listener),
    async close() {
      listeners.clear();
    },
  };
}
