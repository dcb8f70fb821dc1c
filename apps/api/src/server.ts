import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { DbHandle } from "@orderbench/db/client";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { authenticate, isLoopbackHost, type AuthPolicy } from "./auth/authenticate";
import type { ApiConfig } from "./config";
import type { GraphQLContext } from "./graphql/context";
import { formatError } from "./graphql/format-error";
import { checkCost, limitRules } from "./graphql/limits/query-limits";
import { buildApiSchema } from "./graphql/schema";
import { handleGraphQLRequest, sendErrors } from "./http/graphql-http";
import { attachWebSocket } from "./http/websocket";
import type { PubSub } from "./pubsub/pubsub";
import type { ServiceContext } from "./services/context";
import { startLeaseSweeper } from "./services/requeue-expired-runs";

export interface ApiServerDeps {
  db: Pick<DbHandle, "db" | "artifactDir" | "maxInlineCheckpointBytes">;
  pubsub: PubSub;
  /** Where the loud warnings go (default console.warn). */
  warn?: (message: string) => void;
}

export interface ApiServer {
  /** http://host:port/graphql (also the WebSocket endpoint, as ws://). */
  url: string;
  wsUrl: string;
  port: number;
  /** Stops accepting work, ends subscriptions and the lease sweeper; the caller closes the database and pubsub. */
  close(): Promise<void>;
}

/**
 * The API process's server: Apollo Server (HTTP POST/GET /graphql) and graphql-ws (WebSocket /graphql) on
 * one node:http server, GET /healthz, and the timer that re-queues runs whose lease expired.
 */
export async function createApiServer(config: ApiConfig, deps: ApiServerDeps): Promise<ApiServer> {
  const warn = deps.warn ?? ((m: string) => console.warn(m));
  const policy: AuthPolicy = { auth: config.auth, loopback: isLoopbackHost(config.host) };
  if (config.auth === "off") {
    warn(`orderbench-api: WARNING: ORDERBENCH_AUTH=off — every request is admin, with no API key, on ${config.host}:${config.port}. Anyone who can reach this port controls the API.`);
  } else if (!policy.loopback && config.auth === "auto") {
    warn(`orderbench-api: listening on ${config.host}, not loopback: every request needs an API key.`);
  }
  const services: ServiceContext = {
    db: deps.db.db,
    pubsub: deps.pubsub,
    config,
    storage: { artifactDir: deps.db.artifactDir, maxInlineBytes: deps.db.maxInlineCheckpointBytes },
    plans: new Map(),
    leaderboards: new Map(),
  };
  const schema = await buildApiSchema();
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    validationRules: limitRules(config),
    plugins: [costPlugin(schema, config.maxCost), noStorePlugin(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // main.ts owns SIGINT/SIGTERM: it closes the server, pubsub and database, then exits 0. Apollo's own
    // handler would stop the server and re-raise the signal, cutting that short.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      console.error("orderbench-api: request failed:", e);
      if (!res.headersSent) sendErrors(res, 500, "internal server error; the API server's log has the details", { code: "INTERNAL_SERVER_ERROR" });
      else res.end();
    });
  });
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/healthz" && req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok" }));
      return;
    }
    if (path !== "/graphql") return sendErrors(res, 404, `no route ${req.method} ${path}; the API is at /graphql (HTTP and WebSocket) and /healthz`, { code: "NOT_FOUND" });
    let principal;
    try {
      const header = req.headers.authorization;
      principal = await authenticate(services.db, policy, header);
    } catch (e) {
      if (e instanceof GraphQLError) return sendErrors(res, 401, e.message, { code: "UNAUTHENTICATED" });
      throw e;
    }
    await handleGraphQLRequest(apollo, services, principal, req, res, config);
  }

  const closeWebSocket = attachWebSocket(server, schema, services, policy, config);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const stopSweeper = startLeaseSweeper(services, config.sweepIntervalMs);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;

  return {
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    port,
    async close() {
      await stopSweeper();
      await closeWebSocket();
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

/**
 * Every answer says `Cache-Control: no-store`, which is what Apollo's cache-control plugin answers when no
 * field carries a cache hint (none here). That plugin is disabled: it runs a hook for every field of every
 * result, about 40% of the time to resolve a 1,000-point metricSeries (CPU profile).
 */
function noStorePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set("cache-control", "no-store");
        },
      };
    },
  };
}

/** The cost limit needs the variables, so it runs once Apollo has resolved the operation. */
function costPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          checkCost(schema, document, request.variables ?? {}, request.operationName, maxCost);
        },
      };
    },
  };
}
