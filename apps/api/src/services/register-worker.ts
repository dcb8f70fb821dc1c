import { upsertWorker } from "@orderbench/db/queries";
import type { Worker } from "@orderbench/db/schema";
import { z } from "zod";
import { validateInput } from "../validate-input";
import type { ServiceContext } from "./context";

const RegisterWorkerSchema = z.strictObject({
  /** A worker re-registering (after an API restart) sends the id it was given. */
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(100),
  backend: z.string().trim().min(1).max(50),
  device: z.string().trim().min(1).max(300),
  cores: z.int().min(1).max(4096),
  gpus: z.int().min(0).max(64).default(0),
  version: z.string().trim().min(1).max(50),
});

export type RegisterWorkerInput = z.input<typeof RegisterWorkerSchema>;

/** Registers a worker (or refreshes one by id); it heartbeats and claims with the returned id. */
export async function registerWorker({ db, pubsub }: ServiceContext, input: RegisterWorkerInput): Promise<Worker> {
  const parsed = validateInput(RegisterWorkerSchema, withoutNulls(input), "input");
  const worker = await upsertWorker(db, parsed);
  await pubsub.publish({ type: "worker", workerId: worker.id });
  return worker;
}

function withoutNulls<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}
