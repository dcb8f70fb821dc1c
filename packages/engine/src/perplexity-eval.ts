import type { GenerationTask } from "@orderbench/core/text/generation";
import type { Evaluator } from "./evaluator";
import { windowPerplexity } from "./likelihood";

/** Windows per forward pass. */
const BATCH = 64;

/**
 * Generation (wikitext-2): the fair perplexity of every test window (core/text/perplexity.ts), lower
 * is better. Every window is scored, whatever evalSize says: the windows of different strategies cover
 * the same text only as a whole (insertions shift window boundaries), so a prefix would not compare.
 * Nothing is decoded.
 */
export function perplexityEvaluator(task: GenerationTask): Evaluator {
  return {
    direction: "min",
    async evaluate(model, at) {
      const r = await windowPerplexity(model, task, task.test, BATCH);
      // Nats per original token: ln of the fair perplexity, so `loss` and `perplexity` keep their relation.
      const loss = r.nll / r.originalTokens;
      return {
        step: at.step,
        tokens: at.tokens,
        elapsedMs: at.elapsedMs(),
        exactMatch: Number.NaN,
        tokenAccuracy: Number.NaN,
        positionAccuracy: [],
        loss,
        perplexity: r.perplexity,
        primary: r.perplexity,
        best: r.perplexity,
        metrics: {
          perplexity: r.perplexity,
          loss,
          // Per scored token, inserted keywords and separators included: what the model is trained on.
          scored_token_loss: r.nll / r.totalTokens,
        },
        n: task.test.length,
        samples: [],
      };
    },
  };
}
