import { desc, isNull } from "drizzle-orm";
import type { Db } from "../db";
import { apiKeys } from "../schema/index";
import { apiKeyInfoColumns, type ApiKeyInfo } from "./create-api-key";

export async function listApiKeys(db: Db, options: { includeRevoked?: boolean } = {}): Promise<ApiKeyInfo[]> {
  return db
    .select(apiKeyInfoColumns)
    .from(apiKeys)
    .where(options.includeRevoked ? undefined : isNull(apiKeys.revokedAt))
    .orderBy(desc(apiKeys.createdAt));
}
