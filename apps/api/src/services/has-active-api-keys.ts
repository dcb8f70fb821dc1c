import type { Db } from "@orderbench/db/client";
import { apiKeys } from "@orderbench/db/schema";
import { isNull } from "drizzle-orm";

/** Whether any unrevoked API key exists: while none does, a loopback API admits key-less callers. */
export async function hasActiveApiKeys(db: Db): Promise<boolean> {
  const rows = await db.select({ id: apiKeys.id }).from(apiKeys).where(isNull(apiKeys.revokedAt)).limit(1);
  return rows.length > 0;
}
