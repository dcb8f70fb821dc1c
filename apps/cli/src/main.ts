import { Command, CommanderError } from "commander";
import { registerBench } from "./commands/bench";
import { registerData } from "./commands/data";
import { registerCompare } from "./commands/compare";
import { registerDemo } from "./commands/demo";
import { registerMi } from "./commands/mi";
import { registerTrain } from "./commands/train";
import { registerUp } from "./commands/up";
import { registerReport } from "./commands/report";
import { parseEnv } from "./env";
import { UsageError } from "./usage-error";
import { BackendUnavailableError } from "@orderbench/engine/backend";
import { DataError } from "@orderbench/data/errors";

/** Exit codes: 0 done, 1 a failure while running, 2 a mistake in the command line. */
async function main(argv: string[]): Promise<number> {
  const env = parseEnv(process.env);
  const program = new Command("orderbench")
    .description("train small transformers with target tokens ordered by mutual information")
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(s.replace(/^error: /, "orderbench: ")) });
  registerTrain(program, env);
  registerCompare(program, env);
  registerMi(program, env);
  registerBench(program, env);
  registerDemo(program);
  registerUp(program);
  registerReport(program, env);
  registerData(program, env);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError || err instanceof BackendUnavailableError) {
      console.error(`orderbench: ${err.message}`);
      return 2;
    }
    if (err instanceof DataError) {
      console.error(`orderbench: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv);
