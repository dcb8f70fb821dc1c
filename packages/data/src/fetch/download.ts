import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { FetchError } from "../errors";

/** A file as its publisher serves it, with the SHA-256 it must have. */
export interface RemoteFile {
  url: string;
  /** Lower-case hex. */
  sha256: string;
  /** Size in bytes, for progress; the checksum is what is verified. */
  bytes: number;
}

export interface DownloadProgress {
  url: string;
  received: number;
  /** The file's published size. */
  total: number;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
}

/**
 * Downloads `url` (http, https or file) to `dest`, hashing on the way, and verifies the SHA-256. Any
 * failure — unreachable host, HTTP error, wrong checksum — is one `FetchError` line naming the URL, and a
 * partial or unverified file is removed.
 */
export async function downloadVerified(url: string, expected: Pick<RemoteFile, "sha256" | "bytes">, dest: string, options: DownloadOptions = {}): Promise<void> {
  const hash = createHash("sha256");
  let received = 0;
  let source: Readable;
  const total = expected.bytes;
  try {
    source = await open(url, options.signal);
  } catch (err) {
    throw err instanceof FetchError ? err : new FetchError(`cannot download ${url}: ${reason(err)}`);
  }
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      received += chunk.length;
      options.onProgress?.({ url, received, total });
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(dest), { signal: options.signal });
  } catch (err) {
    await rm(dest, { force: true });
    throw new FetchError(`cannot download ${url}: ${reason(err)}`);
  }
  const got = hash.digest("hex");
  if (got !== expected.sha256.toLowerCase()) {
    await rm(dest, { force: true });
    throw new FetchError(`checksum mismatch for ${url}: expected sha256 ${expected.sha256}, got ${got} (${received} bytes); nothing was installed`);
  }
}

async function open(url: string, signal: AbortSignal | undefined): Promise<Readable> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(`cannot download ${url}: not a URL`);
  }
  if (parsed.protocol === "file:") {
    const stream = createReadStream(fileURLToPath(parsed));
    // Surface a missing file here, not halfway through the pipeline.
    await new Promise<void>((ok, fail) => stream.once("open", () => ok()).once("error", fail));
    return stream;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new FetchError(`cannot download ${url}: only http, https and file URLs are supported`);
  const res = await fetch(parsed, { redirect: "follow", ...(signal ? { signal } : {}) });
  if (!res.ok || res.body === null) throw new FetchError(`cannot download ${url}: HTTP ${res.status} ${res.statusText}`.trimEnd());
  return Readable.fromWeb(res.body as import("node:stream/web").ReadableStream<Uint8Array>);
}

/**
 * The innermost cause, which for fetch is the useful part: "fetch failed" wraps "connect ECONNREFUSED …" or
 * "getaddrinfo ENOTFOUND …" (an AggregateError of several addresses carries only a code).
 */
function reason(err: unknown): string {
  let e = err as { message?: string; code?: string; cause?: unknown };
  while (typeof e.cause === "object" && e.cause !== null) e = e.cause as typeof e;
  const message = e.message || e.code || String(err);
  return message.split("\n")[0] as string;
}
