import { z } from "zod";
import { parseEnvironment } from "@orderbench/core/env";
import { BACKENDS } from "@orderbench/engine/backend";

/** The CLI's environment, parsed once at start; a bad value stops with the variable's name. */
const EnvSchema = z.object({
  ORDERBENCH_BACKEND: z.enum(BACKENDS).default("wasm"),
  /** Parallel training jobs for `compare`; default: one per core. */
  ORDERBENCH_JOBS: z.coerce.number().int().min(1).max(256).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseEnvironment(EnvSchema, source);
}
