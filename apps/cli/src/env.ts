import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { parseEnvironment } from "@orderbench/core/env";
import { BACKENDS } from "@orderbench/engine/backend";

/** The CLI's environment, parsed once at start; a bad value stops with the variable's name. */
const EnvSchema = z.object({
  ORDERBENCH_BACKEND: z.enum(BACKENDS).default("wasm"),
  /** Parallel training jobs for `compare`; default: one per core. */
  ORDERBENCH_JOBS: z.coerce.number().int().min(1).max(256).optional(),
  /** The folder that holds datasets in their published layout (`data fetch` writes there; see @orderbench/data). */
  ORDERBENCH_DATA_DIR: z.string().min(1).optional(),
  /** Where the user typed the command: npm sets it, and `npm run -w` runs the CLI in apps/cli. */
  INIT_CWD: z.string().min(1).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseEnvironment(EnvSchema, source);
}

/** A file path as the user typed it, resolved against the directory they typed it in. */
export function userPath(env: Env, path: string): string {
  return resolve(env.INIT_CWD ?? process.cwd(), path);
}

/** Writes a file the user asked for, creating its directory. */
export async function writeUserFile(env: Env, path: string, content: string | Uint8Array): Promise<string> {
  const full = userPath(env, path);
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, content);
  return full;
}
