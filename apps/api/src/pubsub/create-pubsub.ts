import type { DbHandle } from "@orderbench/db/client";
import { createLocalPubSub } from "./local-pubsub";
import { createNotifyPubSub } from "./notify-pubsub";
import type { PubSub } from "./pubsub";

/** In-process on PGlite; LISTEN/NOTIFY on PostgreSQL, where several API instances may share the database. */
export async function createPubSub(handle: Pick<DbHandle, "dialect" | "notifications">): Promise<PubSub> {
  return handle.dialect === "postgres" ? createNotifyPubSub(handle.notifications) : createLocalPubSub();
}
