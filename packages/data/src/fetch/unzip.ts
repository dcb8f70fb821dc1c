import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

/**
 * Unpacks a zip archive into `into` with yauzl, streaming each entry to disk (MNLI's archive is 300 MB).
 * yauzl refuses absolute paths and `..` in entry names; the resolved path is checked against `into` as well.
 * Returns the relative paths of the files written.
 */
export async function unzipFile(zipPath: string, into: string): Promise<string[]> {
  const root = resolve(into);
  const written: string[] = [];
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, strictFileNames: false, validateEntrySizes: true });
  try {
    for await (const entry of zip.eachEntry()) {
      const target = resolve(root, entry.fileName);
      if (!target.startsWith(root + sep)) throw new Error(`entry ${JSON.stringify(entry.fileName)} would be written outside ${root}`);
      if (entry.fileName.endsWith("/")) {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(dirname(target), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target));
      written.push(entry.fileName);
    }
  } finally {
    zip.close();
  }
  return written;
}
