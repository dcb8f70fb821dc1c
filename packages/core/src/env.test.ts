import { z } from "zod";
import { describe, expect, it } from "vitest";
import { parseEnvironment } from "./env";

describe("parseEnvironment", () => {
  const schema = z.object({ PORT: z.coerce.number().int().min(1).default(4000), MODE: z.enum(["a", "b"]).optional() });

  it("applies defaults and coercion", () => {
    expect(parseEnvironment(schema, { PORT: "8080" })).toEqual({ PORT: 8080 });
    expect(parseEnvironment(schema, {})).toEqual({ PORT: 4000 });
  });

  it("names every bad variable", () => {
    expect(() => parseEnvironment(schema, { PORT: "0", MODE: "c" })).toThrow(/bad environment: PORT: .*; MODE: /);
  });
});
