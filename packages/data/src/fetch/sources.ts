import type { GlueTask } from "../glue";
import { TOXIC_HOW_TO_GET } from "../toxic";
import type { RemoteFile } from "./download";

/**
 * Where each dataset is published, with the SHA-256 its files must have. URLs and checksums are the ones
 * HuggingFace `datasets` (glue, wikitext `dataset_infos.json`) and TensorFlow Datasets (`url_checksums/
 * goemotions.txt`) pin; WikiText-2 is served from its author's host since the original S3 bucket closed,
 * with the checksum of the original archive.
 */
export interface DatasetSource {
  /** What `orderbench data fetch <name>` takes. */
  name: string;
  description: string;
  /** Downloads by key; `install` receives their verified local paths under the same keys. */
  files: Record<string, RemoteFile>;
  install: Install;
}

/** A dataset that cannot be downloaded automatically; `reason` says where to get it. */
export interface UnavailableSource {
  name: string;
  description: string;
  reason: string;
}

export type Install =
  /** Unpack the zip `file` and move its folder `from` to `to` (both relative; `to` under the data directory). */
  | { kind: "zip"; file: string; from: string; to: string; expect: string[] }
  /** Move each downloaded file to a path under the data directory; `write` adds small files of known content. */
  | { kind: "files"; to: Record<string, string>; write?: Record<string, string> }
  /** MRPC: GLUE's train/dev TSVs built from the MSR paraphrase corpus and GLUE's list of dev pairs. */
  | { kind: "mrpc"; to: string };

const FB = "https://dl.fbaipublicfiles.com";

function glueZip(task: GlueTask, zip: string, sha256: string, bytes: number, description: string, evalFiles = ["dev.tsv"]): DatasetSource {
  return {
    name: `glue/${task}`,
    description,
    files: { zip: { url: `${FB}/glue/data/${zip}`, sha256, bytes } },
    install: { kind: "zip", file: "zip", from: task, to: `glue/${task}`, expect: ["train.tsv", ...evalFiles] },
  };
}

/** GoEmotions' 28 emotion names in id order, as its `emotions.txt` lists them. */
export const GOEMOTIONS_LABELS = [
  "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion", "curiosity", "desire",
  "disappointment", "disapproval", "disgust", "embarrassment", "excitement", "fear", "gratitude", "grief", "joy",
  "love", "nervousness", "optimism", "pride", "realization", "relief", "remorse", "sadness", "surprise", "neutral",
] as const;

const GOEMOTIONS = "https://github.com/google-research/google-research/raw/master/goemotions/data";

export const DATASET_SOURCES: readonly (DatasetSource | UnavailableSource)[] = [
  glueZip("CoLA", "CoLA.zip", "f212fcd832b8f7b435fb991f101abf89f96b933ab400603bf198960dfc32cbff", 376_971, "GLUE CoLA, acceptability (8,551 / 1,043)"),
  glueZip("SST-2", "SST-2.zip", "d67e16fb55739c1b32cdce9877596db1c127dc322d93c082281f64057c16deaa", 7_439_277, "GLUE SST-2, sentiment (67,349 / 872)"),
  {
    name: "glue/MRPC",
    description: "GLUE MRPC, paraphrase (3,668 / 408), built from the MSR corpus as GLUE does",
    files: {
      train: { url: `${FB}/senteval/senteval_data/msr_paraphrase_train.txt`, sha256: "60a9b09084528f0673eedee2b69cb941920f0b8cd0eeccefc464a98768457f89", bytes: 1_047_044 },
      devIds: { url: `${FB}/glue/data/mrpc_dev_ids.tsv`, sha256: "971d7767d81b997fd9060ade0ec23c4fc31cbb226a55d1bd4a1bac474eb81dc7", bytes: 6_222 },
    },
    install: { kind: "mrpc", to: "glue/MRPC" },
  },
  glueZip("STS-B", "STS-B.zip", "e60a6393de5a8b5b9bac5020a1554b54e3691f9d600b775bd131e613ac179c85", 802_872, "GLUE STS-B, similarity score 0–5 (5,749 / 1,500)"),
  glueZip("QQP", "QQP-clean.zip", "40e7c862c04eb26ee04b67fd900e76c45c6ba8e6d8fab4f8f1f8072a1a3fbae0", 41_696_084, "GLUE QQP, duplicate questions (363,846 / 40,430)"),
  glueZip("MNLI", "MNLI.zip", "e7c1d896d26ed6caf700110645df426cc2d8ebf02a5ab743d5a5c68ac1c83633", 312_783_507, "GLUE MNLI, 3-way entailment (392,702 / 9,815 + 9,832)", ["dev_matched.tsv", "dev_mismatched.tsv"]),
  glueZip("QNLI", "QNLIv2.zip", "e634e78627a29adaecd4f955359b22bf5e70f2cbd93b493f2d624138a0c0e5f5", 10_627_589, "GLUE QNLI, question–sentence entailment (104,743 / 5,463)"),
  glueZip("RTE", "RTE.zip", "6bf86de103ecd335f3441bd43574d23fef87ecc695977a63b82d5efb206556ee", 697_150, "GLUE RTE, entailment (2,490 / 277)"),
  glueZip("WNLI", "WNLI.zip", "ae0e8e4d16f4d46d4a0a566ec7ecceccfd3fbfaa4a7a4b4e02848c0f2561ac46", 28_999, "GLUE WNLI, Winograd entailment (635 / 71)"),
  {
    name: "goemotions",
    description: "GoEmotions, 28 emotions, multi-label (43,410 / 5,426 / 5,427)",
    files: {
      train: { url: `${GOEMOTIONS}/train.tsv`, sha256: "1c254a142be5c00e80d819b9ae1bbd36d94b2eeb8f4b1271846508d57e57d9c5", bytes: 3_519_053 },
      dev: { url: `${GOEMOTIONS}/dev.tsv`, sha256: "575489c079c9de1097062a01738f998590d6b7ead66dd1c9fd1d2ba01fd8bc62", bytes: 439_059 },
      test: { url: `${GOEMOTIONS}/test.tsv`, sha256: "0587b2dd8b27b97352adbfc3fb083d46005c8946657fdc2b1ca8b1cc7f1f8be4", bytes: 436_706 },
    },
    install: {
      kind: "files",
      to: { train: "goemotions/train.tsv", dev: "goemotions/dev.tsv", test: "goemotions/test.tsv" },
      write: { "goemotions/labels.txt": `${GOEMOTIONS_LABELS.join("\n")}\n` },
    },
  },
  {
    name: "wikitext-2",
    description: "WikiText-2 v1, word-level with <unk> (wiki.{train,valid,test}.tokens)",
    files: { zip: { url: "https://wikitext.smerity.com/wikitext-2-v1.zip", sha256: "92675f1d63015c1c8b51f1656a52d5bdbc33aafa60cc47a218a66e7ee817488c", bytes: 4_475_746 } },
    install: { kind: "zip", file: "zip", from: "wikitext-2", to: "wikitext-2", expect: ["wiki.train.tokens", "wiki.valid.tokens", "wiki.test.tokens"] },
  },
  {
    name: "wikitext-2-raw",
    description: "WikiText-2 raw v1, untokenized (wiki.{train,valid,test}.raw)",
    files: { zip: { url: "https://wikitext.smerity.com/wikitext-2-raw-v1.zip", sha256: "ef7edb566e3e2b2d31b29c1fdb0c89a4cc683597484c3dc2517919c615435a11", bytes: 4_721_645 } },
    install: { kind: "zip", file: "zip", from: "wikitext-2-raw", to: "wikitext-2-raw", expect: ["wiki.train.raw", "wiki.valid.raw", "wiki.test.raw"] },
  },
  { name: "toxic", description: "Jigsaw Toxic Comment Classification, six labels", reason: TOXIC_HOW_TO_GET },
];

export function isUnavailable(s: DatasetSource | UnavailableSource): s is UnavailableSource {
  return "reason" in s;
}
