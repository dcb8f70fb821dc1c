import { TEXT_DEFAULTS } from "@orderbench/core/text-spec";
import { GLUE_TASKS } from "@orderbench/core/text/glue";
import { blockSize, createTask, parseTaskName, type TaskRef } from "@orderbench/core/tasks";
import type { FormValues } from "@/lib/experiment-form";

/** Labels of the multi-label datasets, one target position each (docs/method.md, "Text classification"). */
const MULTI_LABEL_POSITIONS: Record<string, number> = { toxic: 6, goemotions: 28 };

/**
 * A text task's block size from the form alone, or null where it needs the data: wikitext-2's window
 * (`text.blockSize`); classification's source length plus the target's positions (one per label;
 * a GLUE verbalizer's words under the word tokenizer, whose lengths under gpt2-bpe only its file knows).
 */
function textBlockSize(ref: Exclude<TaskRef, { kind: "arithmetic" }>, v: Partial<Pick<FormValues, "tokenizer" | "sourceLength" | "blockSize">>): number | null {
  const int = (text: string | undefined, fallback: number): number | null => {
    const t = (text ?? "").trim();
    const n = t === "" ? fallback : Number(t);
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  if (ref.kind === "generation") return int(v.blockSize, TEXT_DEFAULTS.blockSize);
  const source = int(v.sourceLength, TEXT_DEFAULTS.sourceLength);
  if (source === null) return null;
  if (ref.kind === "multi-label") {
    const labels = MULTI_LABEL_POSITIONS[ref.dataset];
    return labels === undefined ? null : source + labels;
  }
  if ((v.tokenizer || TEXT_DEFAULTS.tokenizer) !== "word") return null;
  return source + Math.max(...GLUE_TASKS[ref.glue].verbalizers.map((w) => w.trim().split(/\s+/).length));
}

/**
 * Tokens one run trains on, steps × batch × block size (core/spec's tokensPerStep); null while the task,
 * steps or batch size are not valid, or where a text task's block size depends on its data. An arithmetic
 * block size comes from core's task, built with one example.
 */
export function tokensPerRun(v: Pick<FormValues, "task" | "steps" | "batchSize"> & Partial<Pick<FormValues, "tokenizer" | "sourceLength" | "blockSize">>): number | null {
  const steps = Number(v.steps);
  const batch = Number(v.batchSize);
  if (!Number.isInteger(steps) || steps < 1 || !Number.isInteger(batch) || batch < 1) return null;
  try {
    const ref = parseTaskName(v.task);
    const block = ref.kind === "arithmetic" ? blockSize(createTask(ref, { trainSize: 1, testSize: 1, dataSeed: 0 })) : textBlockSize(ref, v);
    return block === null ? null : steps * batch * block;
  } catch {
    return null;
  }
}
