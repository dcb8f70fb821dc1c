import type { SeqExample } from "../tasks/types";
import {
  checkPredictions,
  checkSourceLength,
  chooseTestSplit,
  extendVocab,
  fitSource,
  formatExample,
  pickSplit,
  sampleRecords,
  where,
  type TextSeqTask,
  type TextTaskOptions,
} from "./classification";
import { multiLabelMetrics, type MultiLabelMetrics } from "./metrics";
import type { MultiLabelText, TextDataset, Tokenizer } from "./types";

/**
 * Multi-label classification as sequence prediction (METHOD.md, Figure 1b: Jigsaw toxic comments, six
 * labels; GoEmotions, 28): source = the text in `sourceLength` tokens (classification.ts), target = one
 * token per label in label-column order, `name=0` or `name=1` (e.g. `toxic=1`). The strategies choose
 * the order in which the labels are generated, exactly as they order answer digits.
 *
 * Vocabulary [ours]: the tokenizer's, then the 2 × labels label tokens it lacks, so the tokenizer's ids
 * are the task's ids and one tokenizer serves several tasks.
 */
export interface MultiLabelSeqTask extends TextSeqTask {
  kind: "multi-label";
  labelNames: string[];
  /** labelTokens[j] = [id of `name_j=0`, id of `name_j=1`]. */
  labelTokens: [number, number][];
  /** Gold 0/1 labels of every example, by evaluation split. */
  gold: Record<string, number[][]>;
  trainLabels: number[][];
  /** Per position: 0 or 1, or null for a token that is not that position's label token. */
  decodeLabels(target: readonly number[]): (number | null)[];
  /** Every multi-label metric of the predictions (evaluate() reports them flattened). */
  metrics(predicted: readonly (readonly number[])[], split?: string): MultiLabelMetrics;
}

export const labelToken = (name: string, value: number): string => `${name}=${value}`;

export function createMultiLabelTask(dataset: TextDataset<MultiLabelText>, tokenizer: Tokenizer, options: TextTaskOptions): MultiLabelSeqTask {
  checkSourceLength(options.sourceLength, 1);
  const labelNames = [...dataset.labelNames];
  const m = labelNames.length;
  if (m === 0) throw new Error(`dataset ${dataset.name} has no label names`);
  const bad = labelNames.find((n) => n === "" || /\s/.test(n));
  if (bad !== undefined) throw new Error(`dataset ${dataset.name}: label name "${bad}" must be non-empty and without spaces (it becomes the token "${labelToken(bad, 1)}")`);
  if (new Set(labelNames).size !== m) throw new Error(`dataset ${dataset.name} has duplicate label names: ${labelNames.join(", ")}`);

  const vocab = extendVocab(tokenizer.vocab, labelNames.flatMap((n) => [labelToken(n, 0), labelToken(n, 1)]));
  const labelTokens = labelNames.map((n) => [vocab.id(labelToken(n, 0)), vocab.id(labelToken(n, 1))] as [number, number]);
  const pad = tokenizer.special("<pad>");
  const sep = tokenizer.special("<sep>");
  const seed = options.seed ?? 0;

  const checked = (r: MultiLabelText): number[] => {
    if (r.labels.length !== m) throw new Error(`dataset ${dataset.name}: record${where(r.origin)} has ${r.labels.length} labels, expected ${m} (${labelNames.join(", ")})`);
    r.labels.forEach((v, j) => {
      if (v !== 0 && v !== 1) throw new Error(`dataset ${dataset.name}: label ${labelNames[j]} = ${v}${where(r.origin)}; valid values: 0, 1`);
    });
    return [...r.labels];
  };
  const encode = (records: readonly MultiLabelText[]) => {
    const labels = records.map(checked);
    const examples: SeqExample[] = records.map((r, i) => ({
      source: fitSource(tokenizer.encode(r.text), options.sourceLength, pad),
      target: (labels[i] as number[]).map((v, j) => (labelTokens[j] as [number, number])[v] as number),
    }));
    return { examples, labels };
  };

  const train = encode(sampleRecords(dataset.train, options.trainSize, seed));
  const evals = Object.fromEntries(Object.entries(dataset.eval).map(([split, records]) => [split, encode(sampleRecords(records, options.testSize, seed))]));
  const testSplit = chooseTestSplit(evals, options.evalSplit, dataset.name);
  const evalSplits = Object.fromEntries(Object.entries(evals).map(([split, s]) => [split, s.examples]));
  const gold = Object.fromEntries(Object.entries(evals).map(([split, s]) => [split, s.labels]));

  const decodeLabels = (target: readonly number[]): (number | null)[] =>
    labelTokens.map(([zero, one], j) => (target[j] === zero ? 0 : target[j] === one ? 1 : null));
  const metrics = (predicted: readonly (readonly number[])[], split = testSplit): MultiLabelMetrics => {
    pickSplit(gold, split, dataset.name);
    const splitGold = gold[split] as number[][];
    checkPredictions(predicted, splitGold.length, m, split);
    return multiLabelMetrics(predicted.map(decodeLabels), splitGold.slice(0, predicted.length), labelNames);
  };

  return {
    kind: "multi-label",
    name: dataset.name,
    vocab,
    separator: sep,
    sourceLength: options.sourceLength,
    targetLength: m,
    train: train.examples,
    test: evalSplits[testSplit] as SeqExample[],
    evalSplits,
    testSplit,
    sourceSpecials: [pad, sep],
    orderable: m > 1,
    orderReason:
      m > 1
        ? `${m} label tokens, generated in the strategy's order`
        : `one label: the target has one position, so every strategy trains the same sequence`,
    primaryMetric: "microF1",
    labelNames,
    labelTokens,
    gold,
    trainLabels: train.labels,
    decodeLabels,
    metrics,
    format: (source, target) => formatExample(tokenizer, vocab, pad, sep, source, target),
    evaluate(predicted, split = testSplit) {
      const r = metrics(predicted, split);
      const flat: Record<string, number> = { accuracy: r.accuracy, exactSetMatch: r.exactSetMatch, microF1: r.microF1, macroF1: r.macroF1 };
      for (const l of r.perLabel) flat[`f1/${l.label}`] = l.f1;
      return { split, n: r.n, score: r.microF1, metrics: flat, unrecognised: r.unrecognised };
    },
  };
}
