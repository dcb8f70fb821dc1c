import type { GraphQLFormattedError } from "graphql";

/**
 * Errors the API raises on purpose carry a code; anything else (a bug, the database going away) is logged
 * here and reaches the client as INTERNAL_SERVER_ERROR without its message, which may hold internals.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code !== undefined && code !== "INTERNAL_SERVER_ERROR") {
    const { http: _http, stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error("orderbench-api: internal error:", (error as { originalError?: unknown }).originalError ?? error);
  return {
    message: "internal server error; the API server's log has the details",
    ...(formatted.path && { path: formatted.path }),
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}
