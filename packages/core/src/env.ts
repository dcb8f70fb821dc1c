import type { z } from "zod";

/**
 * Parses an environment (passed in: core never reads process.env) with an app's zod schema; a bad value
 * throws one message naming every offending variable.
 */
export function parseEnvironment<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.output<S> {
  const r = schema.safeParse(source);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`bad environment: ${lines.join("; ")}`);
  }
  return r.data;
}
