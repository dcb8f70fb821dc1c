import cliProgress from "cli-progress";
import type { Command } from "commander";
import { resolveDataDir, type DataDir } from "@orderbench/data/data-dir";
import { datasetNames, fetchDataset, findDatasetSource, type DatasetSource } from "@orderbench/data/fetch";
import { userPath, type Env } from "../env";
import { UsageError } from "../usage-error";

interface FetchOptions {
  dataDir?: string;
  mirror?: string;
}

/**
 * `orderbench data fetch <name>`: downloads a dataset from its publisher, verifies its SHA-256 and unpacks
 * it into the data directory (`--data-dir`, else ORDERBENCH_DATA_DIR). A failed download is one line naming
 * the URL and the error, exit code 1.
 */
export function registerData(program: Command, env: Env): void {
  const data = program.command("data").description("datasets in their published formats (GLUE, GoEmotions, WikiText-2, Jigsaw toxic comments)");
  data
    .command("fetch")
    .description(`download a dataset, verify its SHA-256 and unpack it into the data directory; one of ${datasetNames().join(", ")}`)
    .argument("<name>", "dataset name, e.g. glue/RTE")
    .option("--data-dir <dir>", "where datasets live (default: ORDERBENCH_DATA_DIR)")
    .option("--mirror <url-or-dir>", "take the files from this base URL or folder instead of their publishers, under the same names")
    .action(async (name: string, o: FetchOptions) => {
      let source: DatasetSource;
      let dir: DataDir;
      try {
        source = findDatasetSource(name);
        dir = resolveDataDir({ dir: o.dataDir, dirSource: "--data-dir", env: { ORDERBENCH_DATA_DIR: env.ORDERBENCH_DATA_DIR }, base: env.INIT_CWD });
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const mirror = o.mirror === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(o.mirror) ? o.mirror : userPath(env, o.mirror);
      const bar = new cliProgress.SingleBar(
        { format: "{file} {bar} {percentage}% | {value}/{total} bytes | ETA {eta_formatted}", barsize: 20, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      let current: string | undefined;
      const result = await fetchDataset(source, dir, {
        ...(mirror === undefined ? {} : { mirror }),
        onStep: (line) => {
          if (current !== undefined) bar.stop();
          current = undefined;
          console.error(line);
        },
        onProgress: (p) => {
          if (current !== p.url) {
            current = p.url;
            bar.start(p.total, 0, { file: p.url.slice(p.url.lastIndexOf("/") + 1) });
          }
          bar.update(p.received);
        },
      }).finally(() => bar.stop());
      for (const file of result.installed) console.log(file);
    });
}
