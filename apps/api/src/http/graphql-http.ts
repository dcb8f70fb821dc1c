import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import { allows, type Principal } from "../auth/principal";
import type { ApiConfig } from "../config";
import type { GraphQLContext } from "../graphql/context";
import type { ServiceContext } from "../services/context";
import { BodyTooLargeError, readBody } from "./read-body";

/**
 * A small Apollo Server integration for node:http (`executeHTTPGraphQLRequest`), instead of Express: the API
 * needs one route, and reading the body here lets the size limit depend on the caller — viewer and
 * researcher requests are small, while workers (and admin) upload checkpoints.
 */
export async function handleGraphQLRequest(
  apollo: ApolloServer<GraphQLContext>,
  services: ServiceContext,
  principal: Principal,
  req: IncomingMessage,
  res: ServerResponse,
  config: ApiConfig,
): Promise<void> {
  const limit = allows(principal.role, "worker") ? config.maxWorkerBodyBytes : config.maxBodyBytes;
  let body: unknown;
  try {
    const raw = await readBody(req, limit);
    const text = raw.toString("utf8");
    const isJson = /^application\/(graphql-response\+)?json\b/i.test(req.headers["content-type"] ?? "");
    body = isJson && text.length > 0 ? JSON.parse(text) : text;
  } catch (e) {
    if (e instanceof BodyTooLargeError) {
      const env = limit === config.maxBodyBytes ? "ORDERBENCH_MAX_BODY_BYTES" : "ORDERBENCH_MAX_WORKER_BODY_BYTES";
      return sendErrors(res, 413, `${e.message} (${env}) for a ${principal.role} caller; send less per request`, { code: "BAD_USER_INPUT", field: "body", limit });
    }
    if (e instanceof SyntaxError) return sendErrors(res, 400, `request body is not valid JSON: ${e.message}`, { code: "BAD_REQUEST", field: "body" });
    throw e;
  }

  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: new URL(req.url ?? "/", "http://localhost").search, body },
    context: async () => ({ services, principal }),
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** A GraphQL-shaped error response for failures before Apollo runs (authentication, body size, JSON). */
export function sendErrors(res: ServerResponse, status: number, message: string, extensions: Record<string, unknown>): void {
  const body = JSON.stringify({ errors: [{ message, extensions }] });
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), ...(status === 413 && { connection: "close" }) });
  res.end(body);
}
