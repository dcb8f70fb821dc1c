import type { Command } from "commander";
import Table from "cli-table3";
import { ESTIMATORS, estimateMI, isEstimator, resolveOrdering, type Estimator, type MiTable } from "@orderbench/core/mi";
import { buildPermutation } from "@orderbench/core/ordering";
import type { RunSpec } from "@orderbench/core/spec";
import { createTask, parseTaskName } from "@orderbench/core/tasks";
import { textMiView, estimateTextMI, resolveTextOrdering } from "@orderbench/core/text/label-mi";
import type { GenerationTask } from "@orderbench/core/text/generation";
import type { DataDir } from "@orderbench/data/data-dir";
import { loadTextTask, type LoadedTextTask } from "@orderbench/data/text-task";
import type { Env } from "../env";
import { addTextOptions, dataDirFor, num, parseRunSpec, textInput, type TextFlags } from "../spec-options";
import { UsageError } from "../usage-error";

interface MiOptions extends TextFlags {
  task: string;
  estimator: string;
  k: number;
  trainSize: number;
  dataSeed: number;
  json?: boolean;
}

const MI_ORDERS = ["max-mi", "min-mi", "greedy-mi"] as const;

export function registerMi(program: Command, env: Env): void {
  addTextOptions(
    program
      .command("mi")
      .description("estimate I(S; y_i) per target position on the training split, and the orders it implies (wikitext-2: the keywords each strategy inserts)")
      .requiredOption("--task <name>", "task, e.g. mul:2, glue/STS-B, toxic, goemotions, wikitext-2")
      .option("--estimator <name>", `one of ${ESTIMATORS.join(", ")}`, "plugin-joint-k")
      .option("--k <n>", "source positions (text: words) joined by plugin-joint-k", num("--k"), 2)
      .option("--train-size <n>", "training examples (text: a seeded sample of the training split)", num("--train-size"), 8000)
      .option("--data-seed <n>", "dataset seed", num("--data-seed"), 0)
      .option("--json", "print the table as JSON"),
  ).action(async (o: MiOptions) => {
    if (!isEstimator(o.estimator)) throw new UsageError(`unknown estimator "${o.estimator}"; valid: ${ESTIMATORS.join(", ")}`);
    if (!Number.isInteger(o.k) || o.k < 1 || o.k > 4) throw new UsageError(`--k must be an integer from 1 to 4, got ${o.k}`);
    let ref;
    try {
      ref = parseTaskName(o.task);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (ref.kind === "arithmetic") {
      parseRunSpec({ task: o.task, text: textInput(o) }); // text flags on arithmetic are a usage error
      arithmeticMi(o, o.estimator);
      return;
    }
    const spec = parseRunSpec({
      task: o.task,
      strategy: ref.kind === "generation" ? "max-mi" : "plain",
      estimator: o.estimator,
      miK: o.k,
      data: { trainSize: o.trainSize, testSize: 1, dataSeed: o.dataSeed },
      ...(textInput(o) ? { text: textInput(o) } : {}),
    });
    const dataDir = dataDirFor(spec.task, o, env);
    const loaded = await loadTextTask(spec, dataDir ? { dataDir } : {});
    if (loaded.kind === "generation") await generationKeywords(spec, loaded, dataDir, o.json === true);
    else classificationMi(loaded, o.estimator, o.k, o.dataSeed, o.json === true);
  });
}

function arithmeticMi(o: MiOptions, estimator: Estimator): void {
  const task = createTask(parseTaskName(o.task), { trainSize: o.trainSize, testSize: 1, dataSeed: o.dataSeed });
  const base = { vocabSize: task.vocab.size, k: o.k, seed: o.dataSeed };
  const table = estimateMI(task.train, { estimator, ...base });
  const orders = Object.fromEntries(MI_ORDERS.map((strategy) => [strategy, resolveOrdering({ examples: task.train, targetLength: task.targetLength, strategy, estimator, ...base }).permutation]));
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ task: task.name, table, orders }, null, 2)}\n`);
    return;
  }
  console.log(`${task.name}: ${estimator}, n = ${table.n} training examples, ${table.unit}; target position 0 is the leftmost answer character`);
  printTable(table, (p) => (p.sum !== undefined ? `sum ${p.sum.toFixed(4)}, max ${p.max?.toFixed(4)}` : p.sources ? `sources ${p.sources.join(",")}` : ""));
  for (const [s, perm] of Object.entries(orders)) console.log(`${s.padEnd(9)} order: ${perm.join(" ")}`);
}

/** Label positions of a classification task: MI of each with the input's word view, and the orders. */
function classificationMi(loaded: Extract<LoadedTextTask, { kind: "classification" }>, estimator: Estimator, k: number, seed: number, json: boolean): void {
  const { task } = loaded;
  const req = { estimator, k, seed };
  const view = textMiView(task, req);
  const table = estimateTextMI(task, req);
  // max-mi and min-mi sort the table's scores; greedy-mi needs its conditional gains.
  const orders = Object.fromEntries(
    MI_ORDERS.map((strategy) => [
      strategy,
      strategy === "greedy-mi"
        ? resolveTextOrdering(task, { ...req, strategy }).permutation
        : buildPermutation({ strategy, targetLength: task.targetLength, seed, scores: table.scores }),
    ]),
  );
  const position = (i: number): string => (task.kind === "multi-label" ? (task.labelNames[i] as string) : `verbalizer token ${i}`);
  const word = (j: number): string => task.vocab.token(view.words[j] as number);
  if (json) {
    process.stdout.write(`${JSON.stringify({ task: task.name, orderable: task.orderable, orderReason: task.orderReason, table, words: view.words.map((_, j) => word(j)), orders }, null, 2)}\n`);
    return;
  }
  console.log(`${task.name}: ${estimator}, n = ${table.n} training examples, ${table.unit}; inputs as ${view.words.length} word indicators (docs/method.md, "MI per target position")`);
  if (!task.orderable) console.log(`note: ${task.orderReason}`);
  const detail = (p: MiTable["positions"][number]): string => {
    const words = p.sources ? p.sources.map(word).join(", ") : "";
    return p.sum !== undefined ? `sum ${p.sum.toFixed(4)}, max ${p.max?.toFixed(4)} (${words})` : `words ${words}`;
  };
  printTable(table, detail, (i) => position(i));
  for (const [s, perm] of Object.entries(orders)) console.log(`${s.padEnd(9)} order: ${perm.map(position).join(" ")}`);
}

/** wikitext-2: the keyword max-mi and min-mi insert before the first training sentences, and the commonest ones. */
async function generationKeywords(spec: RunSpec, loaded: Extract<LoadedTextTask, { kind: "generation" }>, dataDir: DataDir | undefined, json: boolean): Promise<void> {
  const max = loaded.task;
  const min = (await loadTextTask({ ...spec, strategy: "min-mi" }, dataDir ? { dataDir } : {})).task as GenerationTask;
  const word = (ids: readonly number[] | undefined): string => (ids ?? []).map((id) => max.vocab.token(id)).join(" ") || "—";
  const sentences = max.split.train.slice(0, 8);
  const counts = new Map<string, number>();
  for (const i of max.split.train) {
    const w = word(max.keywords[i]);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const common = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15);
  if (json) {
    const rows = sentences.map((i) => ({ index: i, sentence: loaded.sentences[i], maxMi: word(max.keywords[i]), minMi: word(min.keywords[i]) }));
    process.stdout.write(`${JSON.stringify({ task: spec.task, scorer: spec.text?.scorer, stats: max.stats, sentences: rows, commonMaxMi: common }, null, 2)}\n`);
    return;
  }
  console.log(`${spec.task}: ${spec.text?.scorer} keyword scores fitted on ${max.stats.trainSentences} training sentences`);
  const t = new Table({ head: ["training sentence", "max-mi inserts", "min-mi inserts"], style: { head: [], border: [], compact: true } });
  for (const i of sentences) {
    const text = loaded.sentences[i] ?? "";
    t.push([text.length > 70 ? `${text.slice(0, 67)}...` : text, word(max.keywords[i]), word(min.keywords[i])]);
  }
  console.log(t.toString());
  console.log(`commonest max-mi keywords: ${common.map(([w, n]) => `${w} (${n})`).join(", ")}`);
}

function printTable(table: MiTable, detail: (p: MiTable["positions"][number]) => string, name: (i: number) => string = String): void {
  const t = new Table({ head: ["position", "H(y_i)", "score", "score / H", "detail"], style: { head: [], border: [], compact: true } });
  for (const p of table.positions) {
    t.push([name(p.position), p.entropy.toFixed(4), p.score.toFixed(4), p.entropy > 0 ? (p.score / p.entropy).toFixed(3) : "—", detail(p)]);
  }
  console.log(t.toString());
}
