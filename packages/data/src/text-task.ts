import type { RunSpec } from "@orderbench/core/spec";
import { parseTaskName, type ClassificationTaskRef, type GenerationTaskRef } from "@orderbench/core/tasks";
import { classificationOptions, generationOptions } from "@orderbench/core/text-spec";
import { sampleRecords } from "@orderbench/core/text/classification";
import { createGenerationTask, generationSplit, type GenerationTask } from "@orderbench/core/text/generation";
import { GLUE_TASKS as GLUE_SPECS } from "@orderbench/core/text/glue";
import { createGlueTask, type GlueSeqTask } from "@orderbench/core/text/glue-task";
import { createMultiLabelTask, type MultiLabelSeqTask } from "@orderbench/core/text/multi-label";
import { splitSentences } from "@orderbench/core/text/sentences";
import type { LabeledText, MultiLabelText, TextDataset, Tokenizer } from "@orderbench/core/text/types";
import { DATA_DIR_ENV, toDataDir, type DataDir } from "./data-dir";
import { DataError } from "./errors";
import { loadGlue, type GlueTask } from "./glue";
import { loadGoEmotions } from "./goemotions";
import { buildTextTokenizer } from "./text-tokenizer";
import { loadToxic } from "./toxic";
import { loadWikiText } from "./wikitext";

/** A text task built from its dataset, with the tokenizer it was built with. */
export type LoadedTextTask =
  | {
      kind: "classification";
      ref: ClassificationTaskRef;
      task: GlueSeqTask | MultiLabelSeqTask;
      tokenizer: Tokenizer;
      /** Evaluation splits that make up the score, the test split first (MNLI: dev_matched, dev_mismatched). */
      splits: string[];
    }
  | {
      kind: "generation";
      ref: GenerationTaskRef;
      task: GenerationTask;
      tokenizer: Tokenizer;
      /** Every sentence of the corpus split, as `task.split` indexes them. */
      sentences: string[];
    };

export interface LoadTextTaskOptions {
  /** Where the datasets are; text tasks fail without one, naming ORDERBENCH_DATA_DIR. */
  dataDir?: string | DataDir;
}

/** Text tasks need a data directory: the directory, or a DataError saying how to give one. */
export function requireDataDir(task: string, dataDir: string | DataDir | undefined): DataDir {
  if (dataDir === undefined) {
    throw new DataError(`${task} reads its dataset from a data directory, and none was given: set ${DATA_DIR_ENV} to the folder that holds the datasets, or pass one`);
  }
  return toDataDir(dataDir);
}

/**
 * Loads a text task's dataset and builds the task a RunSpec describes (docs/method.md, "Running text
 * tasks"): the training split sampled to data.trainSize and each evaluation split to data.testSize
 * (seeded by data.dataSeed), the tokenizer built from the sampled training split only, then
 * createGlueTask / createMultiLabelTask / createGenerationTask with the spec's text options. Missing or
 * malformed files throw the loaders' DataErrors, which name the file.
 */
export async function loadTextTask(spec: RunSpec, options: LoadTextTaskOptions): Promise<LoadedTextTask> {
  const ref = parseTaskName(spec.task);
  if (ref.kind === "arithmetic") throw new Error(`${ref.name} is an arithmetic task: planRun in @orderbench/core builds it`);
  const dir = requireDataDir(ref.name, options.dataDir);
  return ref.kind === "generation" ? loadGeneration(spec, ref, dir) : loadClassification(spec, ref, dir);
}

/**
 * What loadTextTask reads from a spec: the task, its data sizes and seed, the text options, and for
 * generation the strategy (it decides which keyword is inserted). Specs with equal keys load equal tasks.
 */
export function textLoadKey(spec: RunSpec): string {
  return JSON.stringify([spec.task, spec.data, spec.text ?? null, parseTaskName(spec.task).kind === "generation" ? spec.strategy : null]);
}

/**
 * loadTextTask that keeps the last task it loaded and hands it out again for a spec with the same
 * textLoadKey and data directory: the strategies and seeds of a comparison read and tokenize the dataset
 * once rather than once per run.
 */
export class TextTaskCache {
  private last: { key: string; loaded: Promise<LoadedTextTask> } | undefined;

  load(spec: RunSpec, options: LoadTextTaskOptions): Promise<LoadedTextTask> {
    const key = JSON.stringify([textLoadKey(spec), options.dataDir ?? null]);
    if (this.last?.key !== key) {
      const loaded = loadTextTask(spec, options);
      this.last = { key, loaded };
      loaded.catch(() => {
        if (this.last?.loaded === loaded) this.last = undefined;
      });
    }
    return this.last.loaded;
  }
}

async function loadClassification(spec: RunSpec, ref: ClassificationTaskRef, dir: DataDir): Promise<LoadedTextTask> {
  const o = classificationOptions(spec.text);
  const { trainSize, testSize, dataSeed } = spec.data;
  const sizes = { sourceLength: o.sourceLength, testSize, seed: dataSeed };
  if (ref.kind === "glue") {
    const glue = GLUE_SPECS[ref.glue];
    const dataset = sampled(await loadGlue(dir, glue.title as GlueTask), trainSize, dataSeed);
    const texts = dataset.train.flatMap((r) => (r.textB === undefined ? [r.text] : [r.text, r.textB]));
    const tokenizer = buildTextTokenizer(o.tokenizer, texts, { maxVocab: o.maxVocab, required: glue.verbalizers });
    const task = createGlueTask(ref.glue, dataset, tokenizer, { ...sizes, keywordPrefix: o.keywordPrefix });
    const splits = glue.evalSplits.filter((s) => s in task.evalSplits);
    return { kind: "classification", ref, task, tokenizer, splits: splits.length > 0 ? splits : [task.testSplit] };
  }
  const loaded = ref.dataset === "toxic" ? await loadToxic(dir, { seed: dataSeed }) : await loadGoEmotions(dir);
  const dataset = sampled(loaded, trainSize, dataSeed);
  const tokenizer = buildTextTokenizer(o.tokenizer, dataset.train.map((r) => r.text), { maxVocab: o.maxVocab });
  const task = createMultiLabelTask(dataset, tokenizer, sizes);
  return { kind: "classification", ref, task, tokenizer, splits: [task.testSplit] };
}

async function loadGeneration(spec: RunSpec, ref: GenerationTaskRef, dir: DataDir): Promise<LoadedTextTask> {
  const o = generationOptions(spec.text);
  if (spec.strategy !== "plain" && spec.strategy !== "max-mi" && spec.strategy !== "min-mi") {
    throw new Error(`strategy "${spec.strategy}" does not apply to ${ref.name}; valid: plain, max-mi, min-mi`);
  }
  const corpus = await loadWikiText(dir, { splits: [o.corpusSplit] });
  const lines = corpus.splits[o.corpusSplit]?.lines ?? [];
  const sentences = splitSentences(lines);
  const sizes = { testFraction: o.testFraction, seed: spec.data.dataSeed, trainSize: spec.data.trainSize, testSize: spec.data.testSize };
  const split = generationSplit(sentences.length, sizes);
  const tokenizer = buildTextTokenizer(o.tokenizer, split.train.map((i) => sentences[i] as string), { maxVocab: o.maxVocab });
  const task = createGenerationTask({
    name: ref.name,
    sentences,
    tokenizer,
    strategy: spec.strategy,
    scorer: o.scorer,
    blockSize: o.blockSize,
    augment: o.augment,
    // WikiText marks rare words `<unk>`: never a keyword [ours].
    excludeTokens: ["<unk>"],
    ...sizes,
  });
  return { kind: "generation", ref, task, tokenizer, sentences };
}

/** The dataset with its training split sampled (seeded, file order kept); evaluation splits are sampled by the task. */
function sampled<R extends LabeledText | MultiLabelText>(dataset: TextDataset<R>, trainSize: number, seed: number): TextDataset<R> {
  return { ...dataset, train: sampleRecords(dataset.train, trainSize, seed) };
}
