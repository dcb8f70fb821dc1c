import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** A registered training worker; its current runs are the `running` runs whose worker_id is this id. */
export const workers = pgTable("workers", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** tfjs backend: wasm | cpu | webgpu | tensorflow | tensorflow-gpu. */
  backend: text("backend").notNull(),
  /** Human-readable device, e.g. "NVIDIA H100 80GB HBM3 (Vulkan)" or "AMD EPYC 9654, 16 cores". */
  device: text("device").notNull(),
  cores: integer("cores").notNull(),
  gpus: integer("gpus").notNull().default(0),
  version: text("version").notNull(),
  lastHeartbeat: timestamp("last_heartbeat", { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Worker = typeof workers.$inferSelect;
export type NewWorker = typeof workers.$inferInsert;
