import { decodeUtf8 } from "../read-text";
import { columnIndex, expectFields, parseTsv } from "../tsv";

const HEADER = ["Quality", "#1 ID", "#2 ID", "#1 String", "#2 String"] as const;

/**
 * GLUE's MRPC split, made the way GLUE's `download_glue_data.py` makes it: the MSR paraphrase training
 * file's pairs whose (#1 ID, #2 ID) is in GLUE's `mrpc_dev_ids.tsv` form dev.tsv, the rest train.tsv, both
 * with the header `Quality #1 ID #2 ID #1 String #2 String`. The MSR file starts with a byte-order mark,
 * which decoding drops.
 */
export function buildMrpc(msrTrain: Uint8Array, msrFile: string, devIds: Uint8Array, devIdsFile: string): { train: string; dev: string } {
  const dev = new Set(
    parseTsv(decodeUtf8(devIds, devIdsFile), devIdsFile).map((row) => {
      expectFields(row, 2, devIdsFile, "tab-separated ids");
      return row.fields.join("\t");
    }),
  );
  const [header, ...rows] = parseTsv(decodeUtf8(msrTrain, msrFile), msrFile);
  const at = columnIndex(header, HEADER, msrFile);
  const out = { train: [HEADER.join("\t")], dev: [HEADER.join("\t")] };
  for (const row of rows) {
    expectFields(row, HEADER.length, msrFile);
    const fields = HEADER.map((h) => row.fields[at[h]] as string);
    const pair = `${fields[1]}\t${fields[2]}`;
    (dev.has(pair) ? out.dev : out.train).push(fields.join("\t"));
  }
  return { train: `${out.train.join("\n")}\n`, dev: `${out.dev.join("\n")}\n` };
}
