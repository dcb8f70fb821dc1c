/**
 * The little a script needs to talk to the orderbench API: a POST with the API key, and the common flags.
 * Examples import it so each one reads as the three or four requests it makes.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export interface Connection {
  /** http://host:port/graphql */
  api: string;
  /** An API key (ob_…); not needed on a loopback API that has no keys yet. */
  key: string | undefined;
}

/** --api and --key (or ORDERBENCH_API_KEY), plus the script's own flags. */
export function parseFlags(options: NonNullable<ParseArgsConfig["options"]>): { connection: Connection; values: Record<string, string | boolean | undefined> } {
  const { values } = parseArgs({ options: { api: { type: "string", default: "http://127.0.0.1:4000/graphql" }, key: { type: "string" }, ...options } });
  const flags = values as Record<string, string | boolean | undefined>;
  const connection: Connection = { api: flags.api as string, key: (flags.key as string | undefined) ?? process.env.ORDERBENCH_API_KEY };
  return { connection, values: flags };
}

/** One GraphQL request; throws with the server's message (which names the field and the limit) on an error. */
export async function graphql<T>(connection: Connection, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(connection.api, {
    method: "POST",
    headers: { "content-type": "application/json", ...(connection.key && { authorization: `Bearer ${connection.key}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => `${e.extensions?.code ?? "ERROR"}: ${e.message}`).join("\n"));
  return body.data as T;
}
