import type { RecordOrigin } from "@orderbench/core/text/types";
import { toDataDir, type DataDir } from "./data-dir";
import { DataFormatError, MissingDataError } from "./errors";
import { dataFileExists, readDataFile } from "./read-text";

export const WIKITEXT_SPLITS = ["train", "valid", "test"] as const;
export type WikiTextSplitName = (typeof WIKITEXT_SPLITS)[number];

/**
 * `tokens`: WikiText-2 v1, word-level, rare words replaced by `<unk>`, numbers split as `1 @,@ 000`.
 * `raw`: the same articles without `<unk>` replacement (wikitext-2-raw-v1).
 */
export type WikiTextVariant = "tokens" | "raw";

/** One article: its title and its paragraphs (section headings left out). */
export interface WikiTextArticle {
  title: string;
  paragraphs: string[];
  /** Where the title line is. */
  origin: RecordOrigin;
}

export interface WikiTextSplit {
  file: string;
  /** Every non-blank line, trimmed, in file order: titles, section headings (`= = Name = =`) and paragraphs. */
  lines: string[];
  articles: WikiTextArticle[];
  /** Space-separated tokens over all lines. WikiText's published counts add one `<eos>` per line of the file. */
  tokens: number;
  /** Lines in the file, blank ones included (each one an `<eos>` in WikiText's published counts). */
  fileLines: number;
}

export interface WikiTextCorpus {
  name: "wikitext-2" | "wikitext-2-raw";
  variant: WikiTextVariant;
  /** The splits found (or asked for). */
  splits: Partial<Record<WikiTextSplitName, WikiTextSplit>>;
}

/**
 * File names tried for each split, in order: the published `wiki.<split>.tokens` / `wiki.<split>.raw`
 * inside `wikitext-2/` (tokens) or `wikitext-2-raw/` (raw, as the raw zip unpacks), and `<split>.txt`.
 */
function candidates(variant: WikiTextVariant, split: WikiTextSplitName): string[] {
  return variant === "tokens"
    ? [`wikitext-2/wiki.${split}.tokens`, `wikitext-2/${split}.txt`]
    : [`wikitext-2-raw/wiki.${split}.raw`, `wikitext-2/wiki.${split}.raw`, `wikitext-2-raw/${split}.txt`];
}

/**
 * Loads WikiText-2. With `splits` given, each must exist; without, every split present is loaded and at
 * least one must be. Lines are kept as published (tokenized text joined by single spaces).
 */
export async function loadWikiText(
  dir: string | DataDir,
  options: { variant?: WikiTextVariant; splits?: readonly WikiTextSplitName[] } = {},
): Promise<WikiTextCorpus> {
  const dataDir = toDataDir(dir);
  const variant = options.variant ?? "tokens";
  const fetchName = variant === "tokens" ? "wikitext-2" : "wikitext-2-raw";
  const howToGet = `\`orderbench data fetch ${fetchName}\` downloads it`;
  const splits: WikiTextCorpus["splits"] = {};
  for (const split of options.splits ?? WIKITEXT_SPLITS) {
    const names = candidates(variant, split);
    let found: string | undefined;
    for (const name of names) if (await dataFileExists(dataDir, name)) found ??= name;
    if (found === undefined) {
      if (options.splits !== undefined) await readDataFile(dataDir, names[0] as string, howToGet);
      continue;
    }
    const { file, text } = await readDataFile(dataDir, found, howToGet);
    splits[split] = parseWikiText(text, file);
  }
  if (Object.keys(splits).length === 0) {
    const tried = WIKITEXT_SPLITS.flatMap((s) => candidates(variant, s)).join(", ");
    throw new MissingDataError(dataDir.path, `no WikiText-2 (${variant}) split in the data directory ${dataDir.path} (from ${dataDir.source}); looked for ${tried}; ${howToGet}`);
  }
  return { name: fetchName, variant, splits };
}

const TITLE = /^= (?!=)(.*\S) =$/;
const HEADING = /^(=(?: =)+) .*\S (=(?: =)+)$/;

/** Articles start at a ` = Title = ` line; ` = = Section = = ` lines are headings inside them. */
export function parseWikiText(text: string, file: string): WikiTextSplit {
  const raw = text.split("\n");
  if (raw[raw.length - 1] === "") raw.pop();
  const lines: string[] = [];
  const articles: WikiTextArticle[] = [];
  let tokens = 0;
  raw.forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (line === "") return;
    lines.push(line);
    tokens += line.split(/\s+/).length;
    const title = TITLE.exec(line);
    if (title) {
      articles.push({ title: title[1] as string, paragraphs: [], origin: { file, line: i + 1 } });
      return;
    }
    const article = articles[articles.length - 1];
    if (article === undefined) throw new DataFormatError(file, i + 1, "text before the first article title (a line \" = Title = \")");
    if (!HEADING.test(line)) article.paragraphs.push(line);
  });
  return { file, lines, articles, tokens, fileLines: raw.length };
}
