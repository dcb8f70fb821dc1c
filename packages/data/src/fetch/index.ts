import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { dataPath, type DataDir } from "../data-dir";
import { DataError, FetchError } from "../errors";
import { downloadVerified, type DownloadOptions } from "./download";
import { buildMrpc } from "./mrpc";
import { DATASET_SOURCES, isUnavailable, type DatasetSource, type UnavailableSource } from "./sources";
import { unzipFile } from "./unzip";

export { DATASET_SOURCES, GOEMOTIONS_LABELS, type DatasetSource, type Install, type UnavailableSource } from "./sources";
export { downloadVerified, type DownloadOptions, type DownloadProgress, type RemoteFile } from "./download";
export { unzipFile } from "./unzip";

/** Names `fetchDataset` knows, the unavailable ones included (they explain themselves). */
export function datasetNames(sources: readonly (DatasetSource | UnavailableSource)[] = DATASET_SOURCES): string[] {
  return sources.map((s) => s.name);
}

/** The source for a name; an unknown name lists the known ones, an unavailable one says where to get it. */
export function findDatasetSource(name: string, sources: readonly (DatasetSource | UnavailableSource)[] = DATASET_SOURCES): DatasetSource {
  const source = sources.find((s) => s.name === name);
  if (source === undefined) throw new DataError(`unknown dataset "${name}"; valid: ${datasetNames(sources).join(", ")}`);
  if (isUnavailable(source)) throw new DataError(`${name} cannot be downloaded automatically: ${source.reason}`);
  return source;
}

export interface FetchOptions extends DownloadOptions {
  /**
   * A base URL (http, https, file) or a local directory to take the files from instead of their
   * publishers, under the same file names; the checksums still apply.
   */
  mirror?: string;
  /** One line per step: downloading, verified, unpacking, installed. */
  onStep?: (line: string) => void;
}

export interface FetchResult {
  name: string;
  /** Files written, relative to the data directory. */
  installed: string[];
}

/**
 * Downloads a dataset's files into a staging folder inside the data directory, verifies each SHA-256,
 * unpacks or converts them, and moves the results into place (replacing files of the same name, leaving
 * others). Nothing is installed unless every file verified; the staging folder is always removed.
 */
export async function fetchDataset(source: DatasetSource, dataDir: DataDir, options: FetchOptions = {}): Promise<FetchResult> {
  const say = options.onStep ?? (() => {});
  try {
    await mkdir(dataDir.path, { recursive: true });
  } catch (err) {
    throw new FetchError(`cannot create the data directory ${dataDir.path} (from ${dataDir.source}): ${(err as Error).message}`);
  }
  let staging: string;
  try {
    staging = await mkdtemp(join(dataDir.path, ".orderbench-fetch-"));
  } catch (err) {
    throw new FetchError(`cannot write to the data directory ${dataDir.path} (from ${dataDir.source}): ${(err as Error).message}`);
  }
  try {
    const local: Record<string, string> = {};
    const urls: Record<string, string> = {};
    for (const [key, file] of Object.entries(source.files)) {
      const url = mirrored(file.url, options.mirror);
      urls[key] = url;
      local[key] = join(staging, `${key}-${basename(new URL(url).pathname)}`);
      say(`downloading ${url} (${formatBytes(file.bytes)})`);
      await downloadVerified(url, file, local[key], options);
      say(`verified sha256 ${file.sha256.slice(0, 12)}…`);
    }
    const installed = await install(source, local, urls, staging, dataDir, say);
    say(`installed ${source.name} in ${dataDir.path}: ${installed.length} files`);
    return { name: source.name, installed };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function install(source: DatasetSource, local: Record<string, string>, urls: Record<string, string>, staging: string, dataDir: DataDir, say: (line: string) => void): Promise<string[]> {
  const spec = source.install;
  if (spec.kind === "zip") {
    const unpacked = join(staging, "unpacked");
    const url = urls[spec.file] as string;
    say(`unpacking ${basename(new URL(url).pathname)}`);
    try {
      await unzipFile(local[spec.file] as string, unpacked);
    } catch (err) {
      throw new FetchError(`cannot unpack ${url}: ${(err as Error).message}`);
    }
    const from = join(unpacked, ...spec.from.split("/"));
    for (const name of spec.expect) {
      if (!(await isFile(join(from, name)))) throw new FetchError(`${url} has no ${spec.from}/${name}; nothing was installed`);
    }
    return moveTree(from, dataDir, spec.to);
  }
  if (spec.kind === "files") {
    const out: string[] = [];
    for (const [key, to] of Object.entries(spec.to)) out.push(await moveFile(local[key] as string, dataDir, to));
    for (const [to, content] of Object.entries(spec.write ?? {})) {
      const target = dataPath(dataDir, to);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
      out.push(to);
    }
    return out;
  }
  const split = buildMrpc(await readFile(local.train as string), urls.train as string, await readFile(local.devIds as string), urls.devIds as string);
  const built = join(staging, "mrpc");
  await mkdir(built);
  await writeFile(join(built, "train.tsv"), split.train);
  await writeFile(join(built, "dev.tsv"), split.dev);
  return moveTree(built, dataDir, spec.to);
}

/** Moves every file under `from` to the same relative path under `<data dir>/<to>`. */
async function moveTree(from: string, dataDir: DataDir, to: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const rel = `${to}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await moveTree(join(from, entry.name), dataDir, rel)));
    else if (entry.isFile()) out.push(await moveFile(join(from, entry.name), dataDir, rel));
  }
  return out;
}

async function moveFile(from: string, dataDir: DataDir, to: string): Promise<string> {
  const target = dataPath(dataDir, to);
  await mkdir(dirname(target), { recursive: true });
  await rename(from, target);
  return to;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function mirrored(url: string, mirror: string | undefined): string {
  if (mirror === undefined) return url;
  const base = /^[a-z][a-z0-9+.-]*:\/\//i.test(mirror) ? mirror : pathToFileURL(mirror).href;
  return new URL(basename(new URL(url).pathname), base.endsWith("/") ? base : `${base}/`).href;
}

function formatBytes(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.ceil(n / 1e3)} kB`;
}
