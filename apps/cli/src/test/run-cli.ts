import { execFile } from "node:child_process";
import { promisify } from "node:util";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const bin = new URL("../../bin/orderbench.js", import.meta.url).pathname;

/**
 * `orderbench` as a user runs it: a separate process through bin/orderbench.js, with this process's
 * environment plus `env`; a variable set to undefined in `env` is removed. Never throws on a non-zero exit.
 */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { env: merged });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
