import { fileURLToPath } from "node:url";

/** The committed GraphQL contract that clients (web, worker, scripts) generate their types from. */
export const SCHEMA_PATH = fileURLToPath(new URL("../../../packages/client/schema.graphql", import.meta.url));
