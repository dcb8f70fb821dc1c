import type { MultiLabelText, TextDataset } from "@orderbench/core/text/types";
import { toDataDir, type DataDir } from "./data-dir";
import { DataFormatError } from "./errors";
import { dataFileExists, readDataFile } from "./read-text";
import { expectFields, parseTsv } from "./tsv";

const HOW_TO_GET = "`orderbench data fetch goemotions` downloads it";

/**
 * Loads GoEmotions (Demszky et al. 2020) from `<dir>/goemotions/`: `labels.txt` (one emotion name per
 * line, 28 in the published data) and `train.tsv`, `dev.tsv` and, when present, `test.tsv`, each line
 * `text <TAB> comma-separated label ids <TAB> comment id`, no header. Labels become a 0/1 vector over
 * `labelNames`.
 */
export async function loadGoEmotions(dir: string | DataDir): Promise<TextDataset<MultiLabelText>> {
  const dataDir = toDataDir(dir);
  const labelNames = await readLabelNames(dataDir);
  const read = async (split: string) => {
    const { file, text } = await readDataFile(dataDir, `goemotions/${split}.tsv`, HOW_TO_GET);
    return parseGoEmotions(text, file, labelNames.length);
  };
  const evalSplits: Record<string, MultiLabelText[]> = { dev: await read("dev") };
  if (await dataFileExists(dataDir, "goemotions/test.tsv")) evalSplits.test = await read("test");
  return { name: "goemotions", labelNames, train: await read("train"), eval: evalSplits };
}

async function readLabelNames(dataDir: DataDir): Promise<string[]> {
  const { file, text } = await readDataFile(dataDir, "goemotions/labels.txt", HOW_TO_GET);
  const rows = parseTsv(text, file);
  const names: string[] = [];
  for (const row of rows) {
    expectFields(row, 1, file, "field (one label name per line)");
    const name = (row.fields[0] as string).trim();
    if (names.includes(name)) throw new DataFormatError(file, row.line, `label "${name}" appears twice`);
    names.push(name);
  }
  if (names.length === 0) throw new DataFormatError(file, undefined, "no label names");
  return names;
}

function parseGoEmotions(text: string, file: string, labelCount: number): MultiLabelText[] {
  return parseTsv(text, file).map((row) => {
    expectFields(row, 3, file, "tab-separated fields (text, label ids, comment id)");
    const labels = new Array<number>(labelCount).fill(0);
    const ids = (row.fields[1] as string).split(",");
    for (const raw of ids) {
      const id = Number(raw);
      if (!/^\d+$/.test(raw) || id >= labelCount) {
        throw new DataFormatError(file, row.line, `label id "${raw}" is not an integer from 0 to ${labelCount - 1}`, "labels");
      }
      labels[id] = 1;
    }
    return { text: row.fields[0] as string, labels, origin: { file, line: row.line } };
  });
}
