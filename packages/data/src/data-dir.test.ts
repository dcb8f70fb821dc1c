import { describe, expect, it } from "vitest";
import { resolveDataDir } from "./data-dir";

describe("resolveDataDir", () => {
  it("prefers an explicit directory, then ORDERBENCH_DATA_DIR, resolving relative paths against base", () => {
    const env = { ORDERBENCH_DATA_DIR: "../shared/data" };
    expect(resolveDataDir({ dir: "/data", dirSource: "--data-dir", env })).toEqual({ path: "/data", source: "--data-dir" });
    expect(resolveDataDir({ env, base: "/work/main" })).toEqual({ path: "/work/shared/data", source: "ORDERBENCH_DATA_DIR" });
    expect(resolveDataDir({ dir: "fixtures", base: "/repo" })).toEqual({ path: "/repo/fixtures", source: "the directory passed in" });
  });

  it("without either, says which variable to set", () => {
    expect(() => resolveDataDir({ env: { ORDERBENCH_DATA_DIR: "" } })).toThrow("no data directory: set ORDERBENCH_DATA_DIR to the folder that holds the datasets, or pass one explicitly");
    expect(() => resolveDataDir({ dirSource: "--data-dir" })).toThrow(/, or pass --data-dir$/);
  });
});
