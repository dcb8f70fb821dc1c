import { parseArgs } from "node:util";
import { createDb } from "@orderbench/db/client";
import { API_KEY_ROLES, type ApiKeyRole } from "@orderbench/db/schema";
import { apiConfigFromEnv, dbConfigFromEnv, parseEnv } from "./env";
import { createPubSub } from "./pubsub/create-pubsub";
import { createApiServer } from "./server";
import { createApiKey } from "./services/create-api-key";
import { createDemoExperiment } from "./services/create-demo-experiment";
import { hasActiveApiKeys } from "./services/has-active-api-keys";

const USAGE = `usage: orderbench-api [serve] [--demo]                 run the GraphQL API (configured by ORDERBENCH_* variables);
                                                      --demo queues a small demo experiment when the database has none
       orderbench-api create-key --role ROLE [--name NAME]  print a new API key (roles: ${API_KEY_ROLES.join(", ")})`;

/** The composition root: environment → database → pubsub → server. Exit codes: 0 done, 1 failure, 2 usage. */
async function main(argv: string[]): Promise<number> {
  const env = parseEnv(process.env);
  let args;
  try {
    args = parseArgs({ args: argv, options: { role: { type: "string" }, name: { type: "string" }, help: { type: "boolean" }, demo: { type: "boolean" } }, allowPositionals: true });
  } catch (e) {
    console.error(`orderbench-api: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const command = args.positionals[0] ?? "serve";
  if (args.values.help || !["serve", "create-key"].includes(command)) {
    console.error(USAGE);
    return args.values.help ? 0 : 2;
  }
  const role = args.values.role as ApiKeyRole | undefined;
  if (command === "create-key" && (!role || !API_KEY_ROLES.includes(role))) {
    console.error(`orderbench-api: create-key needs --role, one of ${API_KEY_ROLES.join(", ")}\n${USAGE}`);
    return 2;
  }

  const handle = await createDb(dbConfigFromEnv(env));
  if (command === "create-key") {
    try {
      const { apiKey, secret } = await createApiKey(handle, { role: role as ApiKeyRole, name: args.values.name ?? `${role}-key` });
      console.error(`orderbench-api: created ${apiKey.role} key "${apiKey.name}" (${apiKey.id}); the secret is shown only now:`);
      console.log(secret);
      return 0;
    } finally {
      await handle.close();
    }
  }

  if (env.ORDERBENCH_BOOTSTRAP_ADMIN_KEY === "1" && !(await hasActiveApiKeys(handle.db))) {
    const { secret } = await createApiKey(handle, { role: "admin", name: "bootstrap-admin" });
    console.log(`orderbench-api: no API key existed, so an admin key was created; store it now, it is not shown again:\n${secret}`);
  }
  const pubsub = await createPubSub(handle);
  const config = apiConfigFromEnv(env);
  const server = await createApiServer(config, { db: handle, pubsub });
  console.log(`orderbench-api: GraphQL on ${server.url} (HTTP) and ${server.wsUrl} (WebSocket), database ${handle.dialect}`);
  if (args.values.demo) {
    const storage = { artifactDir: handle.artifactDir, maxInlineBytes: handle.maxInlineCheckpointBytes };
    const demo = await createDemoExperiment({ db: handle.db, pubsub, config, storage, plans: new Map(), leaderboards: new Map() });
    if (demo) console.log(`orderbench-api: the database was empty, so a demo experiment was queued: "${demo.name}" (${demo.id})`);
  }

  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log("orderbench-api: shutting down");
  // Closing waits for in-flight requests and subscriptions; a stuck one must not keep the process alive.
  setTimeout(() => {
    console.error("orderbench-api: shutdown did not finish within 10 s; exiting anyway");
    process.exit(1);
  }, 10_000).unref();
  await server.close();
  await pubsub.close();
  await handle.close();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
