import { formatSpecError, type SpecError } from "@orderbench/core/spec";
import type { z } from "zod";
import { badInput } from "./errors";

/**
 * Parses a GraphQL argument with a zod schema, so its messages read like the CLI's (core/spec's
 * formatSpecError). `prefix` is the argument's name, prepended to each field path.
 * Throws BAD_USER_INPUT with the first problem's field and all of them in extensions.errors.
 */
export function validateInput<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: SpecError[] = formatSpecError(result.error).map((e) => {
    if (!prefix) return e;
    const field = e.field === "spec" ? prefix : `${prefix}.${e.field}`;
    return { field, message: e.field === "spec" ? e.message.replace(/^spec\b/, prefix) : `${prefix}.${e.message}` };
  });
  const first = errors[0] ?? { field: prefix ?? "input", message: `${prefix ?? "input"} is invalid` };
  const rest = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? "s" : ""}: ${errors.slice(1).map((e) => e.message).join("; ")})` : "";
  throw badInput(first.field, `${first.message}${rest}`, { errors });
}
