import type { Vocab } from "../vocab";

/** Where a record came from, so errors and reports can point at the file and line. */
export interface RecordOrigin {
  file: string;
  /** 1-based line number in the file (the header, when there is one, is line 1). */
  line: number;
}

/**
 * One single-label example as a dataset publishes it: GLUE tasks (one or two sentences) and similar.
 * `label` is the raw label string of the file (`"1"`, `"entailment"`, STS-B's `"3.800"`); tasks map it.
 */
export interface LabeledText {
  text: string;
  /** The second sentence of sentence-pair tasks (RTE, MRPC, MNLI, …). */
  textB?: string;
  label: string;
  origin?: RecordOrigin;
}

/** One multi-label example: a 0/1 value for each of the dataset's label names, in their order. */
export interface MultiLabelText {
  text: string;
  labels: number[];
  origin?: RecordOrigin;
}

/** A loaded dataset: splits of records plus, for multi-label data, the label names. */
export interface TextDataset<R> {
  /** Canonical name, e.g. `glue/RTE`, `toxic`, `goemotions`. */
  name: string;
  /**
   * Label names in column order (multi-label), or the label values the task defines, in the dataset's
   * published order (single-label; empty where the label is a real-valued score, as in STS-B).
   */
  labelNames: string[];
  train: R[];
  /** Evaluation split(s) by name: `dev`, or `dev_matched` and `dev_mismatched` for MNLI. */
  eval: Record<string, R[]>;
}

/**
 * Text ↔ token ids over a fixed vocabulary. Special tokens (`<pad>`, `<unk>`, `<sep>`, `<bos>`, …)
 * are ordinary vocabulary entries; `special(name)` returns their id.
 */
export interface Tokenizer {
  /** e.g. `word` or `gpt2-bpe`. */
  readonly kind: string;
  readonly vocab: Vocab;
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
  /** Id of a special token such as `<pad>`; throws naming the token when the tokenizer lacks it. */
  special(name: string): number;
}
