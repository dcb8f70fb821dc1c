import { CsvError, parse } from "csv-parse/sync";
import { DataFormatError } from "./errors";
import type { TsvRow } from "./tsv";

/**
 * Parses RFC 4180 CSV (quoted fields may hold commas, doubled quotes and newlines) with csv-parse, keeping
 * the line each record starts on. Field counts are left to the caller, which knows the header; an empty
 * line outside quotes is an error.
 */
export function parseCsv(text: string, file: string): TsvRow[] {
  let parsed: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    parsed = parse(text, { info: true, raw: true, relax_column_count: true, bom: true }) as unknown as typeof parsed;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new DataFormatError(file, line, `bad CSV: ${err.message.replace(/ at line \d+/, "")}`);
    }
    throw err;
  }
  return parsed.map(({ record, raw, info }) => {
    // info.lines is the line the record ends on; a quoted field can span several.
    const inner = raw.replace(/\r?\n$/, "").split("\n").length - 1;
    const line = info.lines - inner;
    if (record.length === 1 && record[0] === "") throw new DataFormatError(file, line, "empty line");
    return { line, fields: record };
  });
}
