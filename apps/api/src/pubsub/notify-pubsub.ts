import type { Notifications } from "@orderbench/db/notifications";
import type { ApiEvent } from "./events";
import { LocalListeners, type PubSub } from "./pubsub";

/** One channel for every event type; each API instance LISTENs once and fans out to its subscriptions. */
export const EVENTS_CHANNEL = "orderbench_events";

/**
 * Events through PostgreSQL LISTEN/NOTIFY, so every API instance on the database sees every event, its own
 * included (it receives them back from the server, like the others). Resolves once LISTEN is in place.
 * A notification lost while the listening connection reconnects is not replayed; runMetrics subscribers
 * still get those points with the next event of the run, because they read by step, not by event.
 */
export async function createNotifyPubSub(notifications: Notifications): Promise<PubSub> {
  const listeners = new LocalListeners();
  const unlisten = await notifications.listen(EVENTS_CHANNEL, (payload) => {
    let event: ApiEvent;
    try {
      event = JSON.parse(payload) as ApiEvent;
    } catch {
      console.error(`orderbench-api: ignored a malformed notification on ${EVENTS_CHANNEL}: ${payload.slice(0, 200)}`);
      return;
    }
    listeners.deliver(event);
  });
  return {
    async publish(...events) {
      for (const event of events) await notifications.notify(EVENTS_CHANNEL, JSON.stringify(event));
    },
    subscribe: (listener) => listeners.add(listener),
    async close() {
      listeners.clear();
      await unlisten();
    },
  };
}
