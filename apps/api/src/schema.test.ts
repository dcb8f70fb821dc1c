import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { buildApiSchema, printApiSchema } from "./graphql/schema";
import { SCHEMA_PATH } from "./schema-path";

describe("the committed schema (packages/client/schema.graphql)", () => {
  it("is what the API serves; run `npm run schema -w @orderbench/api` after changing a type or resolver", async () => {
    const emitted = printApiSchema(await buildApiSchema());
    const committed = await readFile(SCHEMA_PATH, "utf8");
    expect(committed).toBe(emitted);
  });
});
