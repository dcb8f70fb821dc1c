import { isAbsolute, join, resolve } from "node:path";
import { DataError } from "./errors";

/** The environment variable that names the data directory when the caller gives none. */
export const DATA_DIR_ENV = "ORDERBENCH_DATA_DIR";

/** Where dataset files live, and how that directory was chosen (shown in "file not found" messages). */
export interface DataDir {
  /** Absolute path. */
  path: string;
  /** e.g. `ORDERBENCH_DATA_DIR`, `--data-dir`, `the directory passed in`. */
  source: string;
}

export interface ResolveDataDirOptions {
  /** An explicit directory (a command-line flag, a test's fixture folder); wins over the environment. */
  dir?: string;
  /** What `dir` came from, for messages; default `the directory passed in`. */
  dirSource?: string;
  /** The environment to read `ORDERBENCH_DATA_DIR` from, passed in by the app (packages never read process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Relative paths are resolved against this directory; default the process's working directory. */
  base?: string;
}

/**
 * The one place that decides the data directory: an explicit `dir`, else `ORDERBENCH_DATA_DIR` from the
 * given environment, else an error saying how to set one.
 */
export function resolveDataDir(options: ResolveDataDirOptions): DataDir {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(options.base ?? process.cwd(), p));
  if (options.dir !== undefined && options.dir !== "") return { path: at(options.dir), source: options.dirSource ?? "the directory passed in" };
  const fromEnv = options.env?.[DATA_DIR_ENV];
  if (fromEnv !== undefined && fromEnv !== "") return { path: at(fromEnv), source: DATA_DIR_ENV };
  throw new DataError(`no data directory: set ${DATA_DIR_ENV} to the folder that holds the datasets, or pass ${options.dirSource ?? "one explicitly"}`);
}

/** Accepts a plain path where a `DataDir` is expected. */
export function toDataDir(dir: string | DataDir): DataDir {
  return typeof dir === "string" ? { path: resolve(dir), source: "the directory passed in" } : dir;
}

/** Absolute path of a file inside the data directory, from its `/`-separated relative path. */
export function dataPath(dir: DataDir, relative: string): string {
  return join(dir.path, ...relative.split("/"));
}
