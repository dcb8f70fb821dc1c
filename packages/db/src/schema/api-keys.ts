import { pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { apiKeyRole } from "./enums";

/** API keys: only the SHA-256 of the secret is stored; `prefix` is its first characters, for display. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    role: apiKeyRole("role").notNull(),
    /** Lower-case hex SHA-256 of the whole secret (including the `ob_` prefix). */
    hash: text("hash").notNull(),
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_hash_idx").on(t.hash)],
);

export type ApiKey = typeof apiKeys.$inferSelect;
