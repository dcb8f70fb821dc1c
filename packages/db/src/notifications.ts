import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";

/**
 * PostgreSQL LISTEN/NOTIFY behind two functions. On PostgreSQL a notification reaches every process
 * listening on the channel (how API instances share subscription events); on PGlite it stays in this
 * process, which is the only one that can open the data directory anyway.
 * Notifications sent inside a transaction are delivered when it commits.
 */
export interface Notifications {
  /** Sends `payload` (at most MAX_NOTIFY_PAYLOAD_BYTES of UTF-8) to every listener of `channel`. */
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `handler` with each payload sent on `channel`; resolves once listening, to a function that stops. */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
}

/** PostgreSQL rejects a NOTIFY payload of 8000 bytes or more. */
export const MAX_NOTIFY_PAYLOAD_BYTES = 7999;
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function check(channel: string, payload?: string): void {
  if (!CHANNEL.test(channel)) {
    throw new RangeError(`notification channel "${channel}" must be a lower-case identifier ([a-z_][a-z0-9_]*, at most 63 characters)`);
  }
  if (payload !== undefined && Buffer.byteLength(payload) > MAX_NOTIFY_PAYLOAD_BYTES) {
    throw new RangeError(
      `notification payload on "${channel}" is ${Buffer.byteLength(payload)} bytes, more than the limit of ${MAX_NOTIFY_PAYLOAD_BYTES}; send ids and read the rest from the database`,
    );
  }
}

export function postgresNotifications(sql: Sql): Notifications {
  return {
    async notify(channel, payload) {
      check(channel, payload);
      await sql.notify(channel, payload);
    },
    async listen(channel, handler) {
      check(channel);
      // postgres.js keeps one dedicated connection for all listens of this client and re-LISTENs on reconnect.
      const { unlisten } = await sql.listen(channel, handler);
      return unlisten;
    },
  };
}

export function pgliteNotifications(client: PGlite): Notifications {
  return {
    async notify(channel, payload) {
      check(channel, payload);
      await client.query("SELECT pg_notify($1, $2)", [channel, payload]);
    },
    async listen(channel, handler) {
      check(channel);
      const unlisten = await client.listen(channel, handler);
      return () => unlisten();
    },
  };
}
