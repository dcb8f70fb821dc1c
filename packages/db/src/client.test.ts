import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb, MIGRATIONS_FOLDER, type DbHandle } from "./client";
import { rowsOf, type Db } from "./db";
import type { Notifications } from "./notifications";
import { describeEachBackend } from "./testing/describe-backends";
import { seedWorker } from "./testing/fixtures";

const TABLES = ["api_keys", "checkpoints", "experiments", "metric_chunks", "metric_points", "mi_analyses", "runs", "workers"];
const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: unknown[] };

async function tablesOf(db: Db): Promise<string[]> {
  const result = await db.execute(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
  return rowsOf<{ table_name: string }>(result).map((r) => r.table_name);
}

async function appliedMigrations(db: Db): Promise<number> {
  return Number(rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`))[0]?.n);
}

/** Resolves with the next payload on `channel`. */
function nextPayload(notifications: Notifications, channel: string): Promise<{ payload: Promise<string>; unlisten: () => Promise<void> }> {
  let resolve: (payload: string) => void = () => {};
  const payload = new Promise<string>((r) => (resolve = r));
  return notifications.listen(channel, (p) => resolve(p)).then((unlisten) => ({ payload, unlisten }));
}

describeEachBackend("createDb", (t, backend) => {
  it("applies every migration on an empty database", async () => {
    expect(await tablesOf(t().db)).toEqual(TABLES);
    expect(await appliedMigrations(t().db)).toBe(journal.entries.length);
    expect(t().dialect).toBe(backend.name);
  });

  it("delivers notifications to listeners and stops after unlisten", async () => {
    const { notifications } = t();
    const first = await nextPayload(notifications, "ob_test_a");
    await notifications.notify("ob_test_a", JSON.stringify({ runId: "r1" }));
    expect(JSON.parse(await first.payload)).toEqual({ runId: "r1" });

    const seen: string[] = [];
    const unlistenA = await notifications.listen("ob_test_a", (p) => seen.push(p));
    await unlistenA();
    await first.unlisten();
    // Notifications arrive in send order on one connection: once b's arrives, a's would have too.
    const b = await nextPayload(notifications, "ob_test_b");
    await notifications.notify("ob_test_a", "after unlisten");
    await notifications.notify("ob_test_b", "marker");
    expect(await b.payload).toBe("marker");
    expect(seen).toEqual([]);
    await b.unlisten();
  });

  it("rejects channels that are not identifiers and payloads over the NOTIFY limit", async () => {
    const { notifications } = t();
    await expect(notifications.notify("runs; DROP TABLE runs", "x")).rejects.toThrow(/channel .* must be a lower-case identifier/);
    await expect(notifications.notify("ob_test", "x".repeat(8000))).rejects.toThrow(/8000 bytes, more than the limit of 7999/);
  });

  if (backend.name === "postgres") {
    it("delivers a notification sent by one instance to a listener on another (LISTEN/NOTIFY)", async () => {
      const other = await createDb({ url: t().url as string, artifactDir: t().artifactDir, poolSize: 2 });
      try {
        const next = await nextPayload(other.notifications, "ob_test_cross");
        await t().notifications.notify("ob_test_cross", "from instance 1");
        expect(await next.payload).toBe("from instance 1");
        await next.unlisten();
      } finally {
        await other.close();
      }
    });

    it("lets several instances start on one database at once (migrations serialised by an advisory lock)", async () => {
      const handles = await Promise.all([1, 2, 3].map(() => createDb({ url: t().url as string, artifactDir: t().artifactDir, poolSize: 1 })));
      try {
        expect(await appliedMigrations(t().db)).toBe(journal.entries.length);
        for (const h of handles) expect(await tablesOf(h.db)).toEqual(TABLES);
      } finally {
        await Promise.all(handles.map((h) => h.close()));
      }
    });
  }
});

describe("createDb on a PGlite data directory", () => {
  it("keeps data across reopen and does not re-apply migrations", async () => {
    const dir = await mkdtemp(join(tmpdir(), "orderbench-pglite-"));
    let handle: DbHandle | undefined;
    try {
      handle = await createDb({ dataDir: join(dir, "pgdata"), artifactDir: join(dir, "artifacts") });
      const worker = await seedWorker(handle.db, "persisted");
      await handle.close();
      handle = await createDb({ dataDir: join(dir, "pgdata"), artifactDir: join(dir, "artifacts") });
      const names = rowsOf<{ name: string }>(await handle.db.execute(sql`SELECT name FROM workers WHERE id = ${worker.id}`));
      expect(names).toEqual([{ name: "persisted" }]);
      expect(await appliedMigrations(handle.db)).toBe(journal.entries.length);
    } finally {
      await handle?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("resolves the migrations folder independently of the working directory", () => {
    expect(MIGRATIONS_FOLDER).toMatch(/[/\\]drizzle$/);
    expect(journal.entries.length).toBeGreaterThan(0);
  });
});
