import type { RunSpec } from "@orderbench/core/spec";
import { claimRun as claimRunRow, touchWorker } from "@orderbench/db/queries";
import type { Run } from "@orderbench/db/schema";
import { z } from "zod";
import { notFound } from "../errors";
import { runEvent } from "../pubsub/events";
import { validateInput } from "../validate-input";
import type { ServiceContext } from "./context";
import { latestCheckpointRef, type CheckpointRef } from "./latest-checkpoint";

const CapabilitiesSchema = z
  .strictObject({
    /** Model presets the worker can train; any when omitted. */
    presets: z.array(z.string().min(1).max(50)).max(50).optional(),
    /** Tasks it can train; any when omitted. */
    tasks: z.array(z.string().min(1).max(100)).max(200).optional(),
    /** false: no text tasks (glue/…, toxic, goemotions, wikitext-2): the worker has no data directory. */
    text: z.boolean().optional(),
    experimentId: z.uuid().optional(),
  })
  .optional();

export type Capabilities = z.input<typeof CapabilitiesSchema>;

export interface ClaimedRun {
  run: Run;
  spec: RunSpec;
  /** The checkpoint to resume from, when an earlier attempt left one. */
  checkpoint: CheckpointRef | null;
  leaseSeconds: number;
}

/** Gives the worker the oldest queued run it can train, under a lease it must renew by heart-beating; null when none. */
export async function claimRun(
  { db, pubsub, config }: ServiceContext,
  input: { workerId: string; capabilities?: Capabilities | null },
): Promise<ClaimedRun | null> {
  const capabilities = validateInput(CapabilitiesSchema, dropNulls(input.capabilities), "capabilities") ?? {};
  if (!(await touchWorker(db, input.workerId))) {
    throw notFound("worker", input.workerId, "workerId");
  }
  const run = await claimRunRow(db, { workerId: input.workerId, leaseSeconds: config.leaseSeconds, ...capabilities });
  if (!run) return null;
  await pubsub.publish(runEvent(run), { type: "experiment", experimentId: run.experimentId, deleted: false }, { type: "worker", workerId: input.workerId });
  return { run, spec: run.spec, checkpoint: await latestCheckpointRef(db, run.id), leaseSeconds: config.leaseSeconds };
}

function dropNulls(o: Capabilities | null | undefined): Capabilities {
  if (!o) return undefined;
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}
