import type { DbHandle } from "@orderbench/db/client";
import { apiConfig, type ApiConfig } from "../config";
import { createPubSub } from "../pubsub/create-pubsub";
import type { PubSub } from "../pubsub/pubsub";
import { createApiServer, type ApiServer } from "../server";

export interface TestServer extends ApiServer {
  pubsub: PubSub;
  warnings: string[];
  stop(): Promise<void>;
}

/** An API server on an ephemeral loopback port over the given database; stop() closes it and its pubsub. */
export async function startTestServer(handle: DbHandle, overrides: Partial<ApiConfig> = {}): Promise<TestServer> {
  const pubsub = await createPubSub(handle);
  const warnings: string[] = [];
  const server = await createApiServer(apiConfig({ host: "127.0.0.1", port: 0, sweepIntervalMs: 50, ...overrides }), { db: handle, pubsub, warn: (m) => warnings.push(m) });
  return {
    ...server,
    pubsub,
    warnings,
    async stop() {
      await server.close();
      await pubsub.close();
    },
  };
}
