import { readFile } from "node:fs/promises";
import { userPath, writeUserFile, type Env } from "../env";
import type { Command } from "commander";
import type { RunSummary } from "../summary";
import { aggregate, renderCurveMarkdown, renderMarkdown, renderTable } from "../compare/report";
import { UsageError } from "../usage-error";

/** Re-renders a saved `compare --json` file: the table, and Markdown with the mean learning curves. */
export function registerReport(program: Command, env: Env): void {
  program
    .command("report")
    .description("print the comparison table of a saved `compare --json` file; --markdown adds the mean curves")
    .argument("<file>", "JSON written by compare --json")
    .option("--markdown <file>", "write the table and the mean exact-match curves as Markdown")
    .action(async (file: string, o: { markdown?: string }) => {
      let runs: RunSummary[];
      try {
        runs = (JSON.parse(await readFile(userPath(env, file), "utf8")) as { runs: RunSummary[] }).runs;
      } catch (err) {
        throw new UsageError(`cannot read ${file} as compare --json output: ${(err as Error).message}`);
      }
      if (!Array.isArray(runs) || runs.length === 0) throw new UsageError(`${file} has no runs`);
      const rows = aggregate(runs);
      console.log(renderTable(rows));
      if (o.markdown) await writeUserFile(env, o.markdown, `${renderMarkdown(rows)}\n\nMean exact match (%) by step:\n\n${renderCurveMarkdown(runs)}\n`);
    });
}
