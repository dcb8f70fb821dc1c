import { z } from "zod";
import { parseEnvironment } from "@orderbench/core/env";
import { BACKENDS } from "@orderbench/engine/backend";

/** Worker settings from the environment; command-line flags override them. Parsed once at start. */
const EnvSchema = z.object({
  ORDERBENCH_API_URL: z.url().default("http://127.0.0.1:4000/graphql"),
  ORDERBENCH_TOKEN: z.string().min(1).optional(),
  ORDERBENCH_BACKEND: z.enum(BACKENDS).default("wasm"),
  ORDERBENCH_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  ORDERBENCH_WORKER_NAME: z.string().min(1).max(200).optional(),
  /** Where text datasets are (docs/architecture.md); without it the worker claims arithmetic runs only. */
  ORDERBENCH_DATA_DIR: z.string().min(1).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseEnvironment(EnvSchema, source);
}
