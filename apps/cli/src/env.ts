import { z } from "zod";
import { BACKENDS } from "@orderbench/engine/backend";

/** The CLI's environment, parsed once at start; a bad value stops with the variable's name. */
const EnvSchema = z.object({
  ORDERBENCH_BACKEND: z.enum(BACKENDS).default("wasm"),
  /** Parallel training jobs for `compare`; default: one per core. */
  ORDERBENCH_JOBS: z.coerce.number().int().min(1).max(256).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const r = EnvSchema.safeParse(source);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`bad environment: ${lines.join("; ")}`);
  }
  return r.data;
}
