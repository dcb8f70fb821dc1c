import type { SeqExample } from "../tasks/types";
import {
  checkPredictions,
  checkSourceLength,
  chooseTestSplit,
  fitSource,
  formatExample,
  joinPair,
  pickSplit,
  sampleRecords,
  specialIds,
  where,
  type TextSeqTask,
  type TextTaskOptions,
} from "./classification";
import { GLUE_TASKS, parseGlueLabel, parseGlueTaskName, type GlueGold, type GlueTaskSpec } from "./glue";
import { indicatorLabelMI, pickKeyword } from "./label-keyword";
import { glueSplitMetrics } from "./metrics";
import type { LabeledText, TextDataset, Tokenizer } from "./types";

/**
 * A GLUE task as sequence prediction (METHOD.md, "Tasks"): source = the input (`text <sep> textB` for
 * sentence pairs) in `sourceLength` tokens, target = the class's verbalizer as tokens of the task's
 * tokenizer, right-padded with `<pad>` to the longest verbalizer, so every target position means the
 * same thing in every example and the strategies reorder those positions as they reorder answer digits.
 */
export interface GlueTaskOptions extends TextTaskOptions {
  /** Prefix each input with its token of highest MI with the label, then `<sep>` (label-keyword.ts). */
  keywordPrefix?: boolean;
}

export interface GlueSeqTask extends TextSeqTask {
  kind: "glue";
  spec: GlueTaskSpec;
  /** Target of each class: its verbalizer's token ids, padded to targetLength. */
  verbalizers: number[][];
  /** Gold label (and STS-B score) of every example, by evaluation split. */
  gold: Record<string, GlueGold[]>;
  trainGold: GlueGold[];
  /** Whether the token at each target position alone tells the class. */
  positionDeterminesLabel: boolean[];
  /** keywordPrefix: the fitted token → I(1[token ∈ input]; label) scores. */
  keywordScores?: ReadonlyMap<number, number>;
  /** The class a target (plain order) spells, or null when it is no verbalizer. */
  decodeLabel(target: readonly number[]): number | null;
}

export function createGlueTask(name: string, dataset: TextDataset<LabeledText>, tokenizer: Tokenizer, options: GlueTaskOptions): GlueSeqTask {
  const spec = GLUE_TASKS[parseGlueTaskName(name)];
  if (/^glue\//i.test(dataset.name) && parseGlueTaskName(dataset.name) !== spec.name) {
    throw new Error(`dataset ${dataset.name} is not GLUE ${spec.title}`);
  }
  const keyword = options.keywordPrefix ?? false;
  checkSourceLength(options.sourceLength, keyword ? 3 : 1);
  const pad = tokenizer.special("<pad>");
  const sep = tokenizer.special("<sep>");
  const specials = specialIds(tokenizer);
  const verbalizers = encodeVerbalizers(spec, tokenizer, pad);
  const targetLength = (verbalizers[0] as number[]).length;
  const seed = options.seed ?? 0;

  const input = (r: LabeledText): { a: number[]; b?: number[] } => {
    if (spec.pair && r.textB === undefined) throw new Error(`${spec.title} is a sentence-pair task; the record${where(r.origin)} has no second sentence`);
    if (!spec.pair && r.textB !== undefined) throw new Error(`${spec.title} is a single-sentence task; the record${where(r.origin)} has a second sentence`);
    return r.textB === undefined ? { a: tokenizer.encode(r.text) } : { a: tokenizer.encode(r.text), b: tokenizer.encode(r.textB) };
  };
  const parse = (records: readonly LabeledText[]) => {
    const gold = records.map((r) => parseGlueLabel(spec, r));
    return { inputs: records.map(input), gold };
  };

  const train = parse(sampleRecords(dataset.train, options.trainSize, seed));
  const evals = Object.fromEntries(Object.entries(dataset.eval).map(([split, records]) => [split, parse(sampleRecords(records, options.testSize, seed))]));
  const testSplit = chooseTestSplit(evals, options.evalSplit ?? spec.evalSplits.find((s) => s in evals), dataset.name);

  const keywordScores = keyword
    ? indicatorLabelMI(train.inputs.map(({ a, b }) => [...a, ...(b ?? [])]), train.gold.map((g) => g.label), specials)
    : undefined;
  const body = keyword ? options.sourceLength - 2 : options.sourceLength;
  const toExample = ({ a, b }: { a: number[]; b?: number[] }, gold: GlueGold): SeqExample => {
    const text = fitSource(b === undefined ? a : joinPair(a, b, body, sep), body, pad);
    const source = keywordScores ? [pickKeyword([...a, ...(b ?? [])], keywordScores, pad), sep, ...text] : text;
    return { source, target: [...(verbalizers[gold.label] as number[])] };
  };
  const encodeSplit = (s: ReturnType<typeof parse>): SeqExample[] => s.inputs.map((x, i) => toExample(x, s.gold[i] as GlueGold));
  const evalSplits = Object.fromEntries(Object.entries(evals).map(([split, s]) => [split, encodeSplit(s)]));
  const gold = Object.fromEntries(Object.entries(evals).map(([split, s]) => [split, s.gold]));

  const byTarget = new Map(verbalizers.map((v, c) => [v.join(","), c]));
  const decodeLabel = (target: readonly number[]): number | null => byTarget.get(target.join(",")) ?? null;
  const positionDeterminesLabel = Array.from({ length: targetLength }, (_, i) => new Set(verbalizers.map((v) => v[i])).size === verbalizers.length);
  const { orderable, orderReason } = orderability(spec, tokenizer.kind, targetLength, positionDeterminesLabel);

  return {
    kind: "glue",
    name: `glue/${spec.title}${keyword ? "+keyword" : ""}`,
    vocab: tokenizer.vocab,
    separator: sep,
    sourceLength: options.sourceLength,
    targetLength,
    train: encodeSplit(train),
    test: evalSplits[testSplit] as SeqExample[],
    evalSplits,
    testSplit,
    sourceSpecials: [pad, sep],
    orderable,
    orderReason,
    primaryMetric: spec.metrics.length === 1 ? (spec.metrics[0] as string) : `mean(${spec.metrics.join(", ")})`,
    spec,
    verbalizers,
    gold,
    trainGold: train.gold,
    positionDeterminesLabel,
    ...(keywordScores ? { keywordScores } : {}),
    decodeLabel,
    format: (source, target) => formatExample(tokenizer, tokenizer.vocab, pad, sep, source, target),
    evaluate(predicted, split = testSplit) {
      pickSplit(gold, split, `glue/${spec.title}`);
      const splitGold = gold[split] as GlueGold[];
      checkPredictions(predicted, splitGold.length, targetLength, split);
      const r = glueSplitMetrics(spec, predicted.map(decodeLabel), splitGold.slice(0, predicted.length));
      return { split, n: predicted.length, score: r.score, metrics: r.metrics as Record<string, number>, unrecognised: r.unrecognised };
    },
  };
}

/**
 * Verbalizer token ids, right-padded to the longest. Throws when a verbalizer encodes to nothing, to
 * `<unk>`, or to the same tokens as another class: the tokenizer must know the verbalizer words
 * (`GLUE_TASKS[task].verbalizers` lists them), or generated labels could not be told apart.
 */
export function encodeVerbalizers(spec: GlueTaskSpec, tokenizer: Tokenizer, pad: number): number[][] {
  const unk = tokenizer.vocab.tokens.includes("<unk>") ? tokenizer.special("<unk>") : undefined;
  const encoded = spec.verbalizers.map((v) => {
    const ids = tokenizer.encode(v);
    if (ids.length === 0 || ids.includes(pad) || (unk !== undefined && ids.includes(unk))) {
      throw new Error(
        `${spec.title} verbalizer "${v}" encodes to [${ids.map((i) => tokenizer.vocab.token(i)).join(" ")}] under the ${tokenizer.kind} tokenizer; ` +
          `build the tokenizer with the verbalizer words (${spec.verbalizers.join(", ")}) in its vocabulary`,
      );
    }
    return ids;
  });
  const width = Math.max(...encoded.map((e) => e.length));
  const padded = encoded.map((e) => [...e, ...new Array<number>(width - e.length).fill(pad)]);
  const seen = new Map<string, string>();
  padded.forEach((p, c) => {
    const key = p.join(",");
    const other = seen.get(key);
    if (other !== undefined) throw new Error(`${spec.title} verbalizers "${other}" and "${spec.verbalizers[c]}" encode to the same tokens under the ${tokenizer.kind} tokenizer`);
    seen.set(key, spec.verbalizers[c] as string);
  });
  return padded;
}

function orderability(spec: GlueTaskSpec, kind: string, targetLength: number, determines: readonly boolean[]): { orderable: boolean; orderReason: string } {
  if (targetLength === 1) {
    return {
      orderable: false,
      orderReason: `every ${spec.title} verbalizer (${spec.verbalizers.join(", ")}) is one token under the ${kind} tokenizer: the target has one position, so every strategy trains the same sequence`,
    };
  }
  if (determines.every(Boolean)) {
    return {
      orderable: true,
      orderReason: `${targetLength} target positions, each of which alone determines the class: strategies change which token carries the decision, but every position has the same MI with the input, so max-mi and min-mi tie (up to estimation noise) and keep plain order`,
    };
  }
  const which = determines.flatMap((d, i) => (d ? [i] : []));
  return {
    orderable: true,
    orderReason: `${targetLength} target positions; ${which.length === 0 ? "none alone determines" : `position(s) ${which.join(", ")} alone determine`} the class`,
  };
}
