import { listWorkers, type WorkerWithRuns } from "@orderbench/db/queries";
import type { ServiceContext } from "./context";

/** One worker with the runs it holds; null when unknown. */
export async function getWorker({ db }: Pick<ServiceContext, "db">, workerId: string): Promise<WorkerWithRuns | null> {
  const workers = await listWorkers(db);
  return workers.find((w) => w.id === workerId) ?? null;
}
