/** Suites declared once per database backend: the db package's helper, shared with its own tests. */
export { describeEachBackend } from "@orderbench/db/testing/vitest";
