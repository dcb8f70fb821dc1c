import { createApiKey as createApiKeyRow, type ApiKeyInfo } from "@orderbench/db/queries";
import type { ApiKeyRole } from "@orderbench/db/schema";
import { badInput } from "../errors";
import type { ServiceContext } from "./context";

/** Creates a key; the secret is returned this once and only its hash is stored. */
export async function createApiKey({ db }: Pick<ServiceContext, "db">, input: { role: ApiKeyRole; name: string }): Promise<{ apiKey: ApiKeyInfo; secret: string }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw badInput("name", `name must be 1 to 100 characters long, got ${name.length}`, { limit: 100 });
  return createApiKeyRow(db, { name, role: input.role });
}
