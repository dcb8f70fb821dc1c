/**
 * Submit an experiment: every strategy × seed becomes a queued run that workers pick up.
 *
 *   npx tsx examples/create-experiment.ts --api http://127.0.0.1:4000/graphql --key ob_… [--spec spec.json]
 *
 * Prints the experiment id and its runs as JSON.
 */
import { readFile } from "node:fs/promises";
import { graphql, parseFlags } from "./graphql";

const { connection, values } = parseFlags({ spec: { type: "string" } });

const spec = values.spec
  ? JSON.parse(await readFile(values.spec as string, "utf8"))
  : {
      name: "mul:2 — does max-mi beat plain?",
      task: "mul:2",
      strategies: ["plain", "reverse", "max-mi"],
      seeds: 2,
      budget: { steps: 2000 },
      tags: ["example"],
    };

const { createExperiment } = await graphql<{ createExperiment: { id: string; runs: { id: string; strategy: string; seed: number }[] } }>(
  connection,
  `mutation Create($input: CreateExperimentInput!) {
     createExperiment(input: $input) { id runs { id strategy seed } }
   }`,
  { input: { spec } },
);
console.log(JSON.stringify(createExperiment));
