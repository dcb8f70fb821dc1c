import { sql } from "drizzle-orm";
import { bigint, check, customType, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { runs } from "./runs";

/** bytea as Uint8Array on both drivers (postgres.js returns a Buffer, PGlite a Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * A serialized engine checkpoint (weights, optimizer state, step, RNG cursor; see engine/checkpoint.ts).
 * Small ones live in `bytes`; larger ones in a file whose path, relative to the artifact directory, is `path`.
 * Exactly one of the two is set.
 */
export const checkpoints = pgTable(
  "checkpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    step: integer("step").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    /** Hex SHA-256 of the bytes, checked on load (a truncated file must not resume a run). */
    sha256: text("sha256").notNull(),
    bytes: bytea("bytes"),
    path: text("path"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("checkpoints_run_step_idx").on(t.runId, t.step),
    check("checkpoints_one_storage", sql`(${t.bytes} IS NULL) <> (${t.path} IS NULL)`),
  ],
);

export type Checkpoint = typeof checkpoints.$inferSelect;
