import { readFile, stat } from "node:fs/promises";
import { dataPath, type DataDir } from "./data-dir";
import { DataFormatError, MissingDataError } from "./errors";

/** A data file read and decoded: its absolute path and its text (without a UTF-8 byte-order mark). */
export interface DataFile {
  file: string;
  text: string;
}

/**
 * Reads `<dir>/<relative>` as strict UTF-8. A missing file names itself, the directory and where that
 * directory came from, and the `orderbench data fetch` name that downloads it (or what to do instead).
 */
export async function readDataFile(dir: DataDir, relative: string, howToGet: string): Promise<DataFile> {
  const file = dataPath(dir, relative);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw missing(dir, relative, file, howToGet);
    throw new MissingDataError(file, `cannot read ${file}: ${(err as Error).message}`);
  }
  return { file, text: decodeUtf8(bytes, file) };
}

export async function dataFileExists(dir: DataDir, relative: string): Promise<boolean> {
  try {
    return (await stat(dataPath(dir, relative))).isFile();
  } catch {
    return false;
  }
}

export function missing(dir: DataDir, relative: string, file: string, howToGet: string): MissingDataError {
  return new MissingDataError(file, `missing ${file}: no ${relative} in the data directory ${dir.path} (from ${dir.source}); ${howToGet}`);
}

/**
 * Strict UTF-8 decoding. `fatal` rejects bad bytes without saying where, so on failure each line is decoded
 * alone to name the first bad one (a newline byte never occurs inside a UTF-8 sequence, so lines decode
 * independently).
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    let start = 0;
    for (let line = 1; start <= bytes.length; line++) {
      let end = bytes.indexOf(0x0a, start);
      if (end === -1) end = bytes.length;
      const slice = bytes.subarray(start, end);
      try {
        decoder.decode(slice);
      } catch {
        const column = firstInvalidByte(slice);
        throw new DataFormatError(file, line, `not valid UTF-8 (byte ${column + 1} of the line${slice[column] === undefined ? "" : `, 0x${slice[column].toString(16).padStart(2, "0")}`})`);
      }
      start = end + 1;
    }
    throw new DataFormatError(file, undefined, "not valid UTF-8");
  }
}

/** Offset of the first byte that starts no valid UTF-8 sequence, checking one character at a time. */
function firstInvalidByte(line: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  for (let i = 0; i < line.length; ) {
    const b = line[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    try {
      decoder.decode(line.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return line.length;
}
