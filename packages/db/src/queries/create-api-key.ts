import type { Db } from "../db";
import { apiKeys, type ApiKey, type ApiKeyRole } from "../schema/index";
import { displayPrefix, generateSecret, hashSecret } from "../api-key-secret";

/** An API key as shown to users: never the hash. */
export type ApiKeyInfo = Omit<ApiKey, "hash">;

export const apiKeyInfoColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  role: apiKeys.role,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** Creates a key and returns its secret, which is not stored and cannot be shown again. */
export async function createApiKey(db: Db, input: { name: string; role: ApiKeyRole }): Promise<{ apiKey: ApiKeyInfo; secret: string }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw new RangeError("name must be 1 to 100 characters long");
  const secret = generateSecret();
  const [apiKey] = await db
    .insert(apiKeys)
    .values({ name, role: input.role, hash: hashSecret(secret), prefix: displayPrefix(secret) })
    .returning(apiKeyInfoColumns);
  if (!apiKey) throw new Error("INSERT INTO api_keys returned no row");
  return { apiKey, secret };
}
