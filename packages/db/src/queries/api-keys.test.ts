import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { apiKeys } from "../schema/index";
import { describeEachBackend } from "../testing/describe-backends";
import { createApiKey } from "./create-api-key";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";
import { verifyApiKey } from "./verify-api-key";

describeEachBackend("api keys", (t) => {
  it("returns the secret once and stores only its SHA-256", async () => {
    const { apiKey, secret } = await createApiKey(t().db, { name: "ci worker", role: "worker" });
    expect(secret).toMatch(/^ob_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: "ci worker", role: "worker", prefix: secret.slice(0, 11), lastUsedAt: null, revokedAt: null });
    expect(apiKey).not.toHaveProperty("hash");
    const [row] = await t().db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row?.hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(secret.slice(11));
    expect((await createApiKey(t().db, { name: "other", role: "worker" })).secret).not.toBe(secret);
  });

  it("verifies the right secret, records its use and rejects others", async () => {
    const { apiKey, secret } = await createApiKey(t().db, { name: "alice", role: "researcher" });
    const verified = await verifyApiKey(t().db, secret);
    expect(verified).toMatchObject({ id: apiKey.id, role: "researcher" });
    expect(verified?.lastUsedAt).toBeInstanceOf(Date);
    expect(verified).not.toHaveProperty("hash");
    const flipped = secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A");
    expect(await verifyApiKey(t().db, flipped)).toBeNull();
    expect(await verifyApiKey(t().db, secret.slice(3))).toBeNull();
    expect(await verifyApiKey(t().db, "")).toBeNull();
  });

  it("refreshes last_used_at once it is older than the resolution", async () => {
    const { apiKey, secret } = await createApiKey(t().db, { name: "bob", role: "viewer" });
    await t().db.update(apiKeys).set({ lastUsedAt: sql`now() - interval '1 hour'` }).where(eq(apiKeys.id, apiKey.id));
    const verified = await verifyApiKey(t().db, secret);
    expect(verified!.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
  });

  it("rejects a revoked key; revoking again keeps the first time", async () => {
    const { apiKey, secret } = await createApiKey(t().db, { name: "leaked", role: "admin" });
    const revoked = await revokeApiKey(t().db, apiKey.id);
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect(await verifyApiKey(t().db, secret)).toBeNull();
    expect((await revokeApiKey(t().db, apiKey.id))?.revokedAt).toEqual(revoked?.revokedAt);
    expect(await revokeApiKey(t().db, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await listApiKeys(t().db)).toEqual([]);
    expect((await listApiKeys(t().db, { includeRevoked: true })).map((k) => k.id)).toEqual([apiKey.id]);
  });

  it("refuses an empty name", async () => {
    await expect(createApiKey(t().db, { name: " ", role: "viewer" })).rejects.toThrow(/name must be 1 to 100 characters/);
  });
});
