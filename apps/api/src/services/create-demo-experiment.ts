import { listExperiments } from "@orderbench/db/queries";
import type { ExperimentSummary } from "@orderbench/db/queries";
import type { ServiceContext } from "./context";
import { createExperiment } from "./create-experiment";

/** A first experiment for a new user: small enough to finish in minutes on a laptop's CPU worker. */
export const DEMO_SPEC = {
  name: "demo: 2-digit addition, plain vs reverse vs max-mi",
  description: "Created by `npm start` on an empty database. nanogpt learns 35+07=042 with the answer's digits in three orders.",
  tags: ["demo"],
  task: "add:2",
  strategies: ["plain", "reverse", "max-mi"],
  seeds: 2,
  budget: { steps: 1200 },
  optimizer: { lr: 3e-3 },
  data: { trainSize: 6000, testSize: 1000 },
  evalInterval: 100,
  evalSize: 500,
  checkpointInterval: 200,
};

/** Creates the demo experiment when the database has no experiment at all; otherwise does nothing. */
export async function createDemoExperiment(ctx: ServiceContext): Promise<ExperimentSummary | null> {
  const page = await listExperiments(ctx.db, { first: 1 });
  if (page.items.length > 0) return null;
  return createExperiment(ctx, { spec: DEMO_SPEC, owner: null });
}
