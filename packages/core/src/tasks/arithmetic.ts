import { createRng, shuffle } from "../rng";
import { createVocab } from "../vocab";
import type { SeqExample, SeqTask } from "./types";

/**
 * Arithmetic as sequence prediction (METHOD.md, Figure 1a): `35*07=0245`. Operands are zero-padded to
 * `digits`; the answer has the operation's maximal width — add: digits+1, sub: a sign then `digits`
 * digits, mul: 2·digits — so every target position is the same place value in every example.
 */
export const ARITHMETIC_OPS = ["add", "sub", "mul"] as const;
export type ArithmeticOp = (typeof ARITHMETIC_OPS)[number];
export const MIN_DIGITS = 1;
export const MAX_DIGITS = 5;

export interface ArithmeticSpec {
  op: ArithmeticOp;
  digits: number;
  /** Training examples wanted; fewer when the space of operand pairs is smaller. */
  trainSize: number;
  testSize: number;
  /** Seed for sampling the operand pairs and the train/test split. */
  seed: number;
}

const SYMBOL: Record<ArithmeticOp, string> = { add: "+", sub: "-", mul: "*" };
/** One vocabulary for all three operations, so a model could be shared across them. */
export const ARITHMETIC_TOKENS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "-", "*", "="] as const;

export function answerWidth(op: ArithmeticOp, digits: number): number {
  return op === "mul" ? 2 * digits : digits + 1;
}

export function createArithmeticTask(spec: ArithmeticSpec): SeqTask {
  const { op, digits } = spec;
  if (!ARITHMETIC_OPS.includes(op)) throw new Error(`unknown arithmetic op "${op}"; valid: ${ARITHMETIC_OPS.join(", ")}`);
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new Error(`digits must be an integer from ${MIN_DIGITS} to ${MAX_DIGITS}, got ${digits}`);
  }
  const vocab = createVocab(ARITHMETIC_TOKENS);
  const width = answerWidth(op, digits);
  const base = 10 ** digits;
  const space = base * base;
  const wanted = spec.trainSize + spec.testSize;
  const rng = createRng(spec.seed);

  // Pair index k encodes (a, b) = (floor(k / base), k % base). Small spaces are enumerated and
  // shuffled; large ones are sampled without replacement, so train and test never share a pair.
  let pairs: number[];
  if (wanted >= space / 2) {
    pairs = shuffle(Array.from({ length: space }, (_, k) => k), rng).slice(0, Math.min(wanted, space));
  } else {
    const seen = new Set<number>();
    while (seen.size < wanted) seen.add(rng.int(space));
    pairs = [...seen];
  }
  const testSize = Math.min(spec.testSize, Math.floor(pairs.length / 2));
  const toExample = (k: number): SeqExample => {
    const a = Math.floor(k / base);
    const b = k % base;
    const source = [...pad(a, digits), SYMBOL[op], ...pad(b, digits)].map((c) => vocab.id(c));
    const target = answerChars(op, a, b, width).map((c) => vocab.id(c));
    return { source, target };
  };
  const test = pairs.slice(0, testSize).map(toExample);
  const train = pairs.slice(testSize, testSize + spec.trainSize).map(toExample);

  return {
    name: `${op}:${digits}`,
    vocab,
    separator: vocab.id("="),
    sourceLength: 2 * digits + 1,
    targetLength: width,
    train,
    test,
    format: (source, target) =>
      `${source.map((i) => vocab.token(i)).join("")}=${target.map((i) => vocab.token(i)).join("")}`,
  };
}

function pad(n: number, width: number): string[] {
  return n.toString().padStart(width, "0").split("");
}

function answerChars(op: ArithmeticOp, a: number, b: number, width: number): string[] {
  if (op === "add") return pad(a + b, width);
  if (op === "mul") return pad(a * b, width);
  const d = a - b;
  return [d < 0 ? "-" : "+", ...pad(Math.abs(d), width - 1)];
}
