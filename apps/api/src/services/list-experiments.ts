import { RUN_STATUSES } from "@orderbench/db/schema";
import { listExperiments as listExperimentRows, MAX_PAGE_SIZE, type ExperimentPage } from "@orderbench/db/queries";
import { z } from "zod";
import { badInput } from "../errors";
import { validateInput } from "../validate-input";
import type { ServiceContext } from "./context";

const FilterSchema = z
  .strictObject({
    task: z.string().max(100).optional(),
    status: z.enum(RUN_STATUSES).optional(),
    tag: z.string().max(50).optional(),
    search: z.string().max(200).optional(),
  })
  .optional();

export interface ListExperimentsInput {
  first?: number | null;
  after?: string | null;
  filter?: { task?: string | null; status?: string | null; tag?: string | null; search?: string | null } | null;
}

/** A page of experiments, newest first, with the cursor of the next one. */
export async function listExperiments({ db }: ServiceContext, input: ListExperimentsInput): Promise<ExperimentPage> {
  const first = input.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput("first", `first must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}`, { limit: MAX_PAGE_SIZE });
  }
  const filter = validateInput(FilterSchema, input.filter ? withoutNulls(input.filter) : undefined, "filter") ?? {};
  try {
    return await listExperimentRows(db, { first, after: input.after ?? null, ...filter });
  } catch (e) {
    if (e instanceof RangeError && /\bafter\b/.test(e.message)) throw badInput("after", `after must be the endCursor of a previous page; ${e.message}`);
    throw e;
  }
}

function withoutNulls(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}
