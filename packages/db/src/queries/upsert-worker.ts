import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { workers, type Worker } from "../schema/index";

export interface UpsertWorkerInput {
  /** A worker re-registering after an API restart passes the id it was given; omitted → a new worker. */
  id?: string;
  name: string;
  backend: string;
  device: string;
  cores: number;
  gpus?: number;
  version: string;
}

export async function upsertWorker(db: Db, input: UpsertWorkerInput): Promise<Worker> {
  if (input.id !== undefined && !isUuid(input.id)) throw new RangeError(`id must be a worker id (a UUID), got "${input.id}"`);
  const values = { name: input.name, backend: input.backend, device: input.device, cores: input.cores, gpus: input.gpus ?? 0, version: input.version };
  const [worker] = await db
    .insert(workers)
    .values({ ...(input.id !== undefined && { id: input.id }), ...values })
    .onConflictDoUpdate({ target: workers.id, set: { ...values, lastHeartbeat: sql`now()` } })
    .returning();
  if (!worker) throw new Error("INSERT INTO workers returned no row");
  return worker;
}
