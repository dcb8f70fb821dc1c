import { openTestDatabase, testBackends, type TestBackend, type TestDatabase } from "@orderbench/db/testing";
import { afterAll, beforeAll, beforeEach, describe, inject } from "vitest";

/**
 * Declares a suite once per backend: in-memory PGlite always, PostgreSQL too when DATABASE_URL was set (a
 * fresh database each, dropped afterwards), every table emptied before each test.
 */
export function describeEachBackend(title: string, suite: (database: () => TestDatabase, backend: TestBackend) => void): void {
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
