import { DataFormatError } from "./errors";

/** One line of a tab-separated file: its 1-based line number and its fields. */
export interface TsvRow {
  line: number;
  fields: string[];
}

/**
 * Splits tab-separated text the way GLUE's readers do (Python's `csv` with `QUOTE_NONE`): every `\n` ends a
 * row, every tab separates fields, and quote characters are ordinary text. A `\r` before the `\n` is dropped
 * and the newline after the last row is optional. Empty lines are an error unless `allowEmptyLines`.
 */
export function parseTsv(text: string, file: string, options: { allowEmptyLines?: boolean } = {}): TsvRow[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const rows: TsvRow[] = [];
  lines.forEach((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") {
      if (options.allowEmptyLines) return;
      throw new DataFormatError(file, i + 1, "empty line");
    }
    rows.push({ line: i + 1, fields: line.split("\t") });
  });
  return rows;
}

/**
 * Finds named columns in a header row; a missing one is an error that lists the header's columns. Columns
 * are matched exactly (after trimming surrounding spaces, which some published headers carry).
 */
export function columnIndex<const N extends string>(header: TsvRow | undefined, names: readonly N[], file: string): Record<N, number> {
  if (header === undefined) throw new DataFormatError(file, undefined, `empty file; expected a header with ${names.join(", ")}`);
  const cells = header.fields.map((f) => f.trim());
  const out = {} as Record<N, number>;
  for (const name of names) {
    const i = cells.indexOf(name);
    if (i === -1) throw new DataFormatError(file, header.line, `missing column "${name}" in the header (it has: ${cells.join(", ")})`);
    out[name] = i;
  }
  return out;
}

/** Checks a row has exactly `count` fields. */
export function expectFields(row: TsvRow, count: number, file: string, what = "tab-separated fields"): void {
  if (row.fields.length !== count) throw new DataFormatError(file, row.line, `expected ${count} ${what}, found ${row.fields.length}`);
}
