import { eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { isUuid } from "../ids";
import { apiKeys } from "../schema/index";
import { apiKeyInfoColumns, type ApiKeyInfo } from "./create-api-key";

/** Revokes a key (idempotent: the first revocation time is kept); null when no such key. */
export async function revokeApiKey(db: Db, id: string): Promise<ApiKeyInfo | null> {
  if (!isUuid(id)) return null;
  const [key] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(eq(apiKeys.id, id))
    .returning(apiKeyInfoColumns);
  return key ?? null;
}
