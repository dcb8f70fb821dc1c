import { timingSafeEqual } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db";
import { apiKeys } from "../schema/index";
import { API_KEY_PREFIX, hashSecret } from "../api-key-secret";
import type { ApiKeyInfo } from "./create-api-key";

/** last_used_at is written at most this often per key, so busy workers do not turn every request into a write. */
export const LAST_USED_RESOLUTION_SECONDS = 60;

/**
 * The key a secret belongs to, or null when unknown or revoked. The lookup is by SHA-256 (an index hit);
 * the stored and computed hashes are then compared in constant time.
 */
export async function verifyApiKey(db: Db, secret: string): Promise<ApiKeyInfo | null> {
  if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 200) return null;
  const hash = hashSecret(secret);
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.hash, hash));
  if (!row || row.revokedAt !== null) return null;
  if (!timingSafeEqual(Buffer.from(row.hash, "hex"), Buffer.from(hash, "hex"))) return null;
  const [touched] = await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, row.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '${sql.raw(String(LAST_USED_RESOLUTION_SECONDS))} seconds'`)),
      ),
    )
    .returning({ lastUsedAt: apiKeys.lastUsedAt });
  const { hash: _hash, ...info } = row;
  return touched ? { ...info, lastUsedAt: touched.lastUsedAt } : info;
}
