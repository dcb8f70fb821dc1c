import type { MultiLabelText, TextDataset } from "@orderbench/core/text/types";
import { dataPath, toDataDir, type DataDir } from "./data-dir";
import { parseCsv } from "./csv";
import { DataFormatError } from "./errors";
import { dataFileExists, missing, readDataFile } from "./read-text";
import { seededSplit } from "./split";
import { columnIndex, expectFields, type TsvRow } from "./tsv";

/** Jigsaw Toxic Comment Classification's six labels, in the published column order. */
export const TOXIC_LABELS = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"] as const;

export const TOXIC_HOW_TO_GET =
  "the Jigsaw Toxic Comment Classification data is on Kaggle behind a login (https://www.kaggle.com/c/jigsaw-toxic-comment-classification-challenge/data): download train.csv there (and test.csv, test_labels.csv for its test split) into <data dir>/toxic/";

export interface LoadToxicOptions {
  /** File name inside `<dir>/toxic/`; default `train.csv` when present, else `train_sample.csv`. */
  file?: string;
  /** Share of the records held out when there is no test file; default 0.1. */
  evalFraction?: number;
  /** Seed of that split; default 0. */
  seed?: number;
}

/**
 * Loads the Jigsaw toxic-comment CSV (`id, comment_text, toxic, severe_toxic, obscene, threat, insult,
 * identity_hate`; multi-line comments in quotes) from `<dir>/toxic/`. Evaluation split: Kaggle's published
 * `test.csv` + `test_labels.csv` as `test` when both are present (rows labelled -1, which Kaggle did not
 * score, are left out); otherwise a seeded split of the one file as `dev`.
 */
export async function loadToxic(dir: string | DataDir, options: LoadToxicOptions = {}): Promise<TextDataset<MultiLabelText>> {
  const dataDir = toDataDir(dir);
  let name = options.file;
  if (name === undefined) {
    name = (await dataFileExists(dataDir, "toxic/train.csv")) ? "train.csv" : "train_sample.csv";
    if (!(await dataFileExists(dataDir, `toxic/${name}`))) {
      throw missing(dataDir, "toxic/train.csv (or toxic/train_sample.csv)", dataPath(dataDir, "toxic/train.csv"), TOXIC_HOW_TO_GET);
    }
  }
  const { file, text } = await readDataFile(dataDir, `toxic/${name}`, TOXIC_HOW_TO_GET);
  const records = parseToxicRows(parseCsv(text, file), file);
  const labelNames = [...TOXIC_LABELS];
  if ((await dataFileExists(dataDir, "toxic/test.csv")) && (await dataFileExists(dataDir, "toxic/test_labels.csv"))) {
    return { name: "toxic", labelNames, train: records, eval: { test: await loadKaggleTest(dataDir) } };
  }
  const split = seededSplit(records, options.evalFraction ?? 0.1, options.seed ?? 0);
  return { name: "toxic", labelNames, train: split.train, eval: { dev: split.eval } };
}

/** Kaggle's test split: comments from test.csv joined by id with test_labels.csv. */
async function loadKaggleTest(dataDir: DataDir): Promise<MultiLabelText[]> {
  const comments = await readDataFile(dataDir, "toxic/test.csv", TOXIC_HOW_TO_GET);
  const labels = await readDataFile(dataDir, "toxic/test_labels.csv", TOXIC_HOW_TO_GET);
  const [cHeader, ...cRows] = parseCsv(comments.text, comments.file);
  const c = columnIndex(cHeader, ["id", "comment_text"], comments.file);
  const textById = new Map<string, { text: string; line: number }>();
  for (const row of cRows) {
    expectFields(row, (cHeader as TsvRow).fields.length, comments.file, "comma-separated fields (as many as the header)");
    textById.set(row.fields[c.id] as string, { text: row.fields[c.comment_text] as string, line: row.line });
  }
  const [lHeader, ...lRows] = parseCsv(labels.text, labels.file);
  const l = columnIndex(lHeader, ["id", ...TOXIC_LABELS], labels.file);
  const out: MultiLabelText[] = [];
  for (const row of lRows) {
    expectFields(row, (lHeader as TsvRow).fields.length, labels.file, "comma-separated fields (as many as the header)");
    const id = row.fields[l.id] as string;
    const comment = textById.get(id);
    if (comment === undefined) throw new DataFormatError(labels.file, row.line, `id "${id}" is not in ${comments.file}`, "id");
    const values = TOXIC_LABELS.map((name) => labelValue(row.fields[l[name]] as string, labels.file, row.line, name, true));
    if (values.includes(-1)) continue;
    out.push({ text: comment.text, labels: values, origin: { file: comments.file, line: comment.line } });
  }
  return out;
}

function parseToxicRows(rows: TsvRow[], file: string): MultiLabelText[] {
  const [header, ...body] = rows;
  const at = columnIndex(header, ["id", "comment_text", ...TOXIC_LABELS], file);
  const width = (header as TsvRow).fields.length;
  return body.map((row) => {
    expectFields(row, width, file, "comma-separated fields (as many as the header)");
    return {
      text: row.fields[at.comment_text] as string,
      labels: TOXIC_LABELS.map((name) => labelValue(row.fields[at[name]] as string, file, row.line, name, false)),
      origin: { file, line: row.line },
    };
  });
}

function labelValue(raw: string, file: string, line: number, column: string, allowUnscored: boolean): number {
  const value = raw.trim();
  if (value === "0") return 0;
  if (value === "1") return 1;
  if (allowUnscored && value === "-1") return -1;
  throw new DataFormatError(file, line, `label "${raw}" is not ${allowUnscored ? "-1, 0 or 1" : "0 or 1"}`, column);
}
