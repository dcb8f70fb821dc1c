import type { Server } from "node:http";
import { GraphQLError, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { authenticate, type AuthPolicy } from "../auth/authenticate";
import type { Principal } from "../auth/principal";
import type { ApiConfig } from "../config";
import type { GraphQLContext } from "../graphql/context";
import { formatError } from "../graphql/format-error";
import { checkCost, limitRules } from "../graphql/limits/query-limits";
import type { ServiceContext } from "../services/context";

/** graphql-ws close code for a refused connection; clients do not retry it. */
export const CLOSE_UNAUTHORIZED = 4401;

/**
 * graphql-ws on the HTTP server's port and path. The key comes in `connectionParams.authorization`
 * ("Bearer ob_…"); a refused connection is closed with 4401 and the reason. Operations pass the same
 * validation, limits and error formatting as over HTTP.
 */
export function attachWebSocket(server: Server, schema: GraphQLSchema, services: ServiceContext, policy: AuthPolicy, config: ApiConfig): () => Promise<void> {
  const wss = new WebSocketServer({ server, path: "/graphql", maxPayload: config.maxBodyBytes });
  const principals = new WeakMap<object, Principal>();
  const rules = [...specifiedRules, ...limitRules(config)];
  const disposable = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          principals.set(ctx, await authenticate(services.db, policy, typeof authorization === "string" ? authorization : null));
          return true;
        } catch (e) {
          const message = e instanceof GraphQLError ? `UNAUTHENTICATED: ${e.message}` : "UNAUTHENTICATED";
          // A WebSocket close reason is at most 123 bytes.
          ctx.extra.socket.close(CLOSE_UNAUTHORIZED, Buffer.from(message).subarray(0, 123).toString("utf8").replace(/\uFFFD$/, ""));
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        let document;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [e instanceof GraphQLError ? withCode(e, "GRAPHQL_PARSE_FAILED") : new GraphQLError(String(e))];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors.map((e) => (e.extensions.code ? e : withCode(e, "GRAPHQL_VALIDATION_FAILED")));
        const variables = payload.variables ?? {};
        try {
          checkCost(schema, document, variables, payload.operationName, config.maxCost);
        } catch (e) {
          if (e instanceof GraphQLError) return [e];
          throw e;
        }
        const principal = principals.get(ctx);
        if (!principal) return [new GraphQLError("connection not authenticated", { extensions: { code: "UNAUTHENTICATED" } })];
        const contextValue: GraphQLContext = { services, principal };
        return { schema, document, variableValues: variables, operationName: payload.operationName ?? null, contextValue };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors) return;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
    },
    wss,
  );
  return async () => {
    for (const client of wss.clients) client.terminate();
    await disposable.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions, code } });
}
