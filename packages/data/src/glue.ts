import type { LabeledText, TextDataset } from "@orderbench/core/text/types";
import { toDataDir, type DataDir } from "./data-dir";
import { DataFormatError } from "./errors";
import { readDataFile } from "./read-text";
import { columnIndex, expectFields, parseTsv, type TsvRow } from "./tsv";

export const GLUE_TASKS = ["CoLA", "SST-2", "MRPC", "STS-B", "QQP", "MNLI", "QNLI", "RTE", "WNLI"] as const;
export type GlueTask = (typeof GLUE_TASKS)[number];

export function isGlueTask(name: string): name is GlueTask {
  return (GLUE_TASKS as readonly string[]).includes(name);
}

/**
 * How each task's train/dev TSV is laid out in the GLUE distribution, as GLUE's own readers (HuggingFace
 * `glue.py`, jiant) read them. Columns are found by header name, except in CoLA, which has no header.
 * `labels` are the label strings the file may hold, in GLUE's order; STS-B's label is a score in [0, 5].
 */
interface GlueFormat {
  /** Header column names, or CoLA's fixed positions. */
  columns: { text: string; textB?: string; label: string } | { count: number; text: number; label: number };
  labels: readonly string[] | "score";
  /** Evaluation split name -> file name; `train.tsv` is always the training split. */
  eval: Record<string, string>;
}

const DEV = { dev: "dev.tsv" };

export const GLUE_FORMATS: Record<GlueTask, GlueFormat> = {
  // CoLA: source code, acceptability label, the original author's mark ("*" or empty), sentence.
  CoLA: { columns: { count: 4, text: 3, label: 1 }, labels: ["0", "1"], eval: DEV },
  "SST-2": { columns: { text: "sentence", label: "label" }, labels: ["0", "1"], eval: DEV },
  MRPC: { columns: { text: "#1 String", textB: "#2 String", label: "Quality" }, labels: ["0", "1"], eval: DEV },
  "STS-B": { columns: { text: "sentence1", textB: "sentence2", label: "score" }, labels: "score", eval: DEV },
  QQP: { columns: { text: "question1", textB: "question2", label: "is_duplicate" }, labels: ["0", "1"], eval: DEV },
  MNLI: {
    columns: { text: "sentence1", textB: "sentence2", label: "gold_label" },
    labels: ["entailment", "neutral", "contradiction"],
    eval: { dev_matched: "dev_matched.tsv", dev_mismatched: "dev_mismatched.tsv" },
  },
  QNLI: { columns: { text: "question", textB: "sentence", label: "label" }, labels: ["entailment", "not_entailment"], eval: DEV },
  RTE: { columns: { text: "sentence1", textB: "sentence2", label: "label" }, labels: ["entailment", "not_entailment"], eval: DEV },
  WNLI: { columns: { text: "sentence1", textB: "sentence2", label: "label" }, labels: ["0", "1"], eval: DEV },
};

/**
 * Loads a GLUE task's training split and its labelled evaluation split(s) from `<dir>/glue/<task>/`.
 * `labelNames` are the task's label values in GLUE's order (empty for STS-B, whose label is a score).
 */
export async function loadGlue(dir: string | DataDir, task: GlueTask): Promise<TextDataset<LabeledText>> {
  const format = GLUE_FORMATS[task];
  const dataDir = toDataDir(dir);
  const read = async (fileName: string) => {
    const { file, text } = await readDataFile(dataDir, `glue/${task}/${fileName}`, `\`orderbench data fetch glue/${task}\` downloads it`);
    return parseGlueTsv(text, file, format);
  };
  const train = await read("train.tsv");
  const evalSplits: Record<string, LabeledText[]> = {};
  for (const [name, fileName] of Object.entries(format.eval)) evalSplits[name] = await read(fileName);
  return { name: `glue/${task}`, labelNames: format.labels === "score" ? [] : [...format.labels], train, eval: evalSplits };
}

function parseGlueTsv(text: string, file: string, format: GlueFormat): LabeledText[] {
  const rows = parseTsv(text, file);
  const { columns } = format;
  if ("count" in columns) {
    return rows.map((row) => {
      expectFields(row, columns.count, file);
      return record(row, file, format, columns.text, undefined, columns.label, "label");
    });
  }
  const [header, ...body] = rows;
  const names = [columns.text, columns.label, ...(columns.textB === undefined ? [] : [columns.textB])];
  const at = columnIndex(header, names, file);
  const width = (header as TsvRow).fields.length;
  return body.map((row) => {
    expectFields(row, width, file, "tab-separated fields (as many as the header)");
    return record(row, file, format, at[columns.text] as number, columns.textB === undefined ? undefined : at[columns.textB], at[columns.label] as number, columns.label);
  });
}

function record(row: TsvRow, file: string, format: GlueFormat, text: number, textB: number | undefined, label: number, labelColumn: string): LabeledText {
  const value = (row.fields[label] as string).trim();
  checkLabel(value, format.labels, file, row.line, labelColumn);
  const out: LabeledText = { text: row.fields[text] as string, label: value, origin: { file, line: row.line } };
  if (textB !== undefined) out.textB = row.fields[textB] as string;
  return out;
}

function checkLabel(value: string, labels: GlueFormat["labels"], file: string, line: number, column: string): void {
  if (labels === "score") {
    const x = Number(value);
    if (value === "" || !Number.isFinite(x) || x < 0 || x > 5) throw new DataFormatError(file, line, `score "${value}" is not a number from 0 to 5`, column);
    return;
  }
  if (!labels.includes(value)) throw new DataFormatError(file, line, `label "${value}" is not one of ${labels.join(", ")}`, column);
}
