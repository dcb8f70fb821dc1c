import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { onTestFinished } from "vitest";

/** The committed fixture data directory (same layout as a real ORDERBENCH_DATA_DIR). */
export const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));

/** A scratch copy of the fixtures, with some files replaced, for tests of bad data; removed after the test. */
export async function fixtureCopy(replace: Record<string, string | Uint8Array> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ob-data-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await cp(FIXTURES, dir, { recursive: true });
  for (const [rel, content] of Object.entries(replace)) await writeFile(join(dir, rel), content);
  return dir;
}
