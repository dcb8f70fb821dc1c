import { createReadStream } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { DataError, FetchError } from "../errors";
import { GLUE_TASKS, loadGlue } from "../glue";
import { loadGoEmotions } from "../goemotions";
import { FIXTURES } from "../test-support";
import { DATASET_SOURCES, datasetNames, fetchDataset, findDatasetSource, type DatasetSource } from "./index";
import { buildMrpc } from "./mrpc";

const ARCHIVES = join(FIXTURES, "archives");
/** SHA-256 of the committed fixture archives; a changed fixture must change these on purpose. */
const WNLI_ZIP = { sha256: "30d6c8524944c93a709ba0104cf3e6651acda6c3a9fe162de24de08e216a565b", bytes: 1300 };
const NO_FOLDER_ZIP = { sha256: "061ceb1d8f0f257c0348d5fb6ceb37e59522e2c7a8aaed5eaf50c6df84119a00", bytes: 824 };
const ESCAPE_ZIP = { sha256: "3dd5a83dc94b5303be76d49d6da9b5ca5ca63f244988b9a95b72e0e0c7cc3ed3", bytes: 948 };

/** A local HTTP server over fixtures/: GET /<path> serves the file, anything missing is a 404. */
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "");
    const stream = createReadStream(join(FIXTURES, rel));
    stream.once("error", () => res.writeHead(404, "Not Found").end());
    stream.once("open", () => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      stream.pipe(res);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

async function scratch(): Promise<{ path: string; source: string }> {
  const path = await mkdtemp(join(tmpdir(), "ob-fetch-"));
  onTestFinished(() => rm(path, { recursive: true, force: true }));
  return { path, source: "the test" };
}

function wnliSource(url: string, file = WNLI_ZIP, from = "WNLI"): DatasetSource {
  return {
    name: "glue/WNLI",
    description: "test archive",
    files: { zip: { url, ...file } },
    install: { kind: "zip", file: "zip", from, to: "glue/WNLI", expect: ["train.tsv", "dev.tsv"] },
  };
}

/** Files left in a data directory, staging folders included. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

describe("fetchDataset", () => {
  it("downloads over HTTP, verifies the checksum, unpacks the zip and installs the task folder", async () => {
    const dir = await scratch();
    const steps: string[] = [];
    const progress: number[] = [];
    const result = await fetchDataset(wnliSource(`${base}/archives/WNLI.zip`), dir, { onStep: (s) => steps.push(s), onProgress: (p) => progress.push(p.received) });
    expect(result.installed.sort()).toEqual(["glue/WNLI/dev.tsv", "glue/WNLI/original/README.txt", "glue/WNLI/train.tsv"]);
    expect(await tree(dir.path)).toEqual(["glue/WNLI/dev.tsv", "glue/WNLI/original/README.txt", "glue/WNLI/train.tsv"]);
    expect(await readFile(join(dir.path, "glue/WNLI/train.tsv"))).toEqual(await readFile(join(FIXTURES, "glue/WNLI/train.tsv")));
    expect((await loadGlue(dir, "WNLI")).train).toHaveLength(12);
    expect(steps[0]).toBe(`downloading ${base}/archives/WNLI.zip (2 kB)`);
    expect(steps.at(-1)).toBe(`installed glue/WNLI in ${dir.path}: 3 files`);
    expect(progress.at(-1)).toBe(WNLI_ZIP.bytes);
  });

  it("takes files from a mirror directory (file: URLs) under their published names", async () => {
    const dir = await scratch();
    await fetchDataset(wnliSource("https://dl.example.org/glue/data/WNLI.zip"), dir, { mirror: ARCHIVES });
    expect((await loadGlue(dir, "WNLI")).eval.dev).toHaveLength(2);
  });

  it("refuses a file whose checksum differs, installs nothing and leaves no staging folder", async () => {
    const dir = await scratch();
    const wrong = { ...WNLI_ZIP, sha256: "0".repeat(64) };
    const err = await fetchDataset(wnliSource(`${base}/archives/WNLI.zip`, wrong), dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as Error).message).toBe(`checksum mismatch for ${base}/archives/WNLI.zip: expected sha256 ${"0".repeat(64)}, got ${WNLI_ZIP.sha256} (1300 bytes); nothing was installed`);
    expect(await tree(dir.path)).toEqual([]);
    expect(await readdir(dir.path)).toEqual([]);
  });

  it("fails with one line naming the URL when the host cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    const dir = await scratch();
    const url = `http://127.0.0.1:${port}/glue/data/WNLI.zip`;
    const err = (await fetchDataset(wnliSource(url), dir).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(FetchError);
    expect(err.message).toBe(`cannot download ${url}: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(err.message.split("\n")).toHaveLength(1);
    expect(await readdir(dir.path)).toEqual([]);
  });

  it("fails on an HTTP error status and on a missing local file", async () => {
    const dir = await scratch();
    await expect(fetchDataset(wnliSource(`${base}/archives/nope.zip`), dir)).rejects.toThrow(`cannot download ${base}/archives/nope.zip: HTTP 404 Not Found`);
    const missing = pathToFileURL(join(ARCHIVES, "nope.zip")).href;
    await expect(fetchDataset(wnliSource(missing), dir)).rejects.toThrow(new RegExp(`^cannot download ${missing}: ENOENT: no such file or directory`));
    await expect(fetchDataset(wnliSource("ftp://example.org/WNLI.zip"), dir)).rejects.toThrow("cannot download ftp://example.org/WNLI.zip: only http, https and file URLs are supported");
  });

  it("refuses an archive without the expected folder, and one whose entries escape the target", async () => {
    const dir = await scratch();
    await expect(fetchDataset(wnliSource(`${base}/archives/no-folder.zip`, NO_FOLDER_ZIP), dir)).rejects.toThrow(
      `${base}/archives/no-folder.zip has no WNLI/train.tsv; nothing was installed`,
    );
    await expect(fetchDataset(wnliSource(`${base}/archives/escape.zip`, ESCAPE_ZIP), dir)).rejects.toThrow(new RegExp(`^cannot unpack ${base}/archives/escape\\.zip: .*\\.\\./escaped\\.txt`));
    expect(await readdir(dir.path)).toEqual([]);
  });

  it("installs plain files and writes the label list (GoEmotions layout)", async () => {
    const dir = await scratch();
    const file = async (name: string) => {
      const bytes = await readFile(join(FIXTURES, "goemotions", name));
      const { createHash } = await import("node:crypto");
      return { url: `${base}/goemotions/${name}`, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
    };
    const goemotions = DATASET_SOURCES.find((s) => s.name === "goemotions") as DatasetSource;
    const source: DatasetSource = { ...goemotions, files: { train: await file("train.tsv"), dev: await file("dev.tsv"), test: await file("dev.tsv") } };
    const result = await fetchDataset(source, dir);
    expect(result.installed).toEqual(["goemotions/train.tsv", "goemotions/dev.tsv", "goemotions/test.tsv", "goemotions/labels.txt"]);
    const d = await loadGoEmotions(dir);
    expect([d.labelNames.length, d.train.length, d.eval.dev?.length, d.eval.test?.length]).toEqual([28, 12, 3, 3]);
  });
});

describe("MRPC from the MSR paraphrase corpus", () => {
  it("splits by GLUE's dev ids into the published train.tsv / dev.tsv layout", async () => {
    const msr = await readFile(join(FIXTURES, "sources/msr_paraphrase_train.txt"));
    const ids = await readFile(join(FIXTURES, "sources/mrpc_dev_ids.tsv"));
    expect(msr.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const out = buildMrpc(msr, "msr_paraphrase_train.txt", ids, "mrpc_dev_ids.tsv");
    expect(out.train).toBe(await readFile(join(FIXTURES, "glue/MRPC/train.tsv"), "utf8"));
    expect(out.dev).toBe(await readFile(join(FIXTURES, "glue/MRPC/dev.tsv"), "utf8"));
  });
});

describe("dataset sources", () => {
  it("cover the nine GLUE tasks, GoEmotions and both WikiText-2 variants, with SHA-256 checksums", () => {
    expect(datasetNames()).toEqual([...GLUE_TASKS.map((t) => `glue/${t}`), "goemotions", "wikitext-2", "wikitext-2-raw", "toxic"]);
    for (const s of DATASET_SOURCES) {
      if (!("files" in s)) continue;
      for (const f of Object.values(s.files)) {
        expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(f.url).toMatch(/^https:\/\//);
      }
    }
  });

  it("an unknown name lists the valid ones; toxic says it is behind Kaggle's login", () => {
    expect(() => findDatasetSource("glue/AX")).toThrow(/^unknown dataset "glue\/AX"; valid: glue\/CoLA, glue\/SST-2, .*, toxic$/);
    expect(() => findDatasetSource("toxic")).toThrow(DataError);
    expect(() => findDatasetSource("toxic")).toThrow(/toxic cannot be downloaded automatically: .*Kaggle behind a login/);
  });
});
