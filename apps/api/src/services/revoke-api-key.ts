import { revokeApiKey as revokeApiKeyRow, type ApiKeyInfo } from "@orderbench/db/queries";
import { notFound } from "../errors";
import type { ServiceContext } from "./context";

/** Revokes a key at once: the next request that sends it is UNAUTHENTICATED. */
export async function revokeApiKey({ db }: ServiceContext, apiKeyId: string): Promise<ApiKeyInfo> {
  const key = await revokeApiKeyRow(db, apiKeyId);
  if (!key) throw notFound("API key", apiKeyId);
  return key;
}
