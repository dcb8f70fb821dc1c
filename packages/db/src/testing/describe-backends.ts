import { afterAll, beforeAll, beforeEach, describe, inject } from "vitest";
import { openTestDatabase, testBackends, type TestBackend, type TestDatabase } from "./test-database";

/**
 * Declares the suite once per backend (PGlite; PostgreSQL when DATABASE_URL was set), each on a fresh
 * database opened before and dropped after the suite, with every table emptied before each test.
 */
export function describeEachBackend(title: string, suite: (t: () => TestDatabase, backend: TestBackend) => void): void {
  for (const backend of testBackends(inject("databaseUrl"))) {
    describe(`${title} [${backend.name}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(backend);
      });
      afterAll(async () => {
        await database?.drop();
      });
      beforeEach(async () => {
        await database?.reset();
      });
      suite(() => {
        if (!database) throw new Error("test database not opened (beforeAll failed)");
        return database;
      }, backend);
    });
  }
}
