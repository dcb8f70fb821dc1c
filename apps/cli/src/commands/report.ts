import { readFile } from "node:fs/promises";
import { userPath, writeUserFile, type Env } from "../env";
import type { Command } from "commander";
import type { RunSummary } from "../summary";
import { aggregate, curveCaption, renderCurveMarkdown, renderMarkdown, renderTable } from "../compare/report";
import { UsageError } from "../usage-error";
import { parseThresholds } from "../spec-options";

/** Re-renders a saved `compare --json` file: the table, and Markdown with the mean learning curves. */
export function registerReport(program: Command, env: Env): void {
  program
    .command("report")
    .description("print the comparison table of a saved `compare --json` file; --markdown adds the mean curves")
    .argument("<file>", "JSON written by compare --json")
    .option("--markdown <file>", "write the table and the mean curves of the primary metric as Markdown")
    .option("--thresholds <list>", "comma-separated steps-to-threshold levels of the primary metric (default: 0.5,0.9 for exact match, none otherwise)")
    .action(async (file: string, o: { markdown?: string; thresholds?: string }) => {
      let runs: RunSummary[];
      try {
        runs = (JSON.parse(await readFile(userPath(env, file), "utf8")) as { runs: RunSummary[] }).runs;
      } catch (err) {
        throw new UsageError(`cannot read ${file} as compare --json output: ${(err as Error).message}`);
      }
      if (!Array.isArray(runs) || runs.length === 0) throw new UsageError(`${file} has no runs`);
      const c = aggregate(runs, parseThresholds(o.thresholds));
      console.log(renderTable(c));
      if (o.markdown) await writeUserFile(env, o.markdown, `${renderMarkdown(c)}\n\n${curveCaption(c.metric)}\n\n${renderCurveMarkdown(runs)}\n`);
    });
}
