import { z } from "zod";

/**
 * The dashboard's environment, parsed on the server (STYLE.md 2): at start by `instrumentation.ts`, so a bad
 * value stops `next start` with the variable's name, and read at request time by the root layout, so one
 * build serves any API address.
 */
const EnvSchema = z.object({
  /** The API as the dashboard's server reaches it: the `/api/graphql` pass-through and server rendering. */
  ORDERBENCH_API_URL: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:4000/graphql"),
  /** The API's WebSocket as the browser reaches it (subscriptions); default: ORDERBENCH_API_URL as ws(s). */
  ORDERBENCH_WS_URL: z.url({ protocol: /^wss?$/ }).optional(),
});

export interface WebEnv {
  apiUrl: string;
  wsUrl: string;
}

export function parseEnv(source: Record<string, string | undefined>): WebEnv {
  const r = EnvSchema.safeParse(source);
  if (!r.success) {
    throw new Error(`bad environment: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const apiUrl = r.data.ORDERBENCH_API_URL;
  return { apiUrl, wsUrl: r.data.ORDERBENCH_WS_URL ?? apiUrl.replace(/^http/, "ws") };
}

let parsed: WebEnv | undefined;

/** The server process's environment, parsed once. */
export function serverEnv(): WebEnv {
  parsed ??= parseEnv(process.env);
  return parsed;
}
