import { GraphQLError } from "graphql";

/**
 * Every error the API raises on purpose carries one of these codes in `extensions.code` (STYLE.md 15) and a
 * message that names the field and, where there is one, the limit. Anything else reaches the client as
 * INTERNAL_SERVER_ERROR with its message hidden.
 */
export type ErrorCode = "BAD_USER_INPUT" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "DATA_REQUIRED";

export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** `field` is the argument or input path (`spec.budget.steps`, `points`), echoed in extensions.field. */
export function badInput(field: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return apiError("BAD_USER_INPUT", message, { field, ...extensions });
}

export function notFound(what: string, id: string, field = "id"): GraphQLError {
  return apiError("NOT_FOUND", `${what} "${id}" does not exist`, { field });
}

export function conflict(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return apiError("CONFLICT", message, extensions);
}

/**
 * DATA_REQUIRED: what was asked is computed from a text task's dataset, which only a worker with a data
 * directory reads (the API has none); `field` names what was asked, `task` the task.
 */
export function dataRequired(field: string, task: string, what: string): GraphQLError {
  return apiError("DATA_REQUIRED", `${task} is a text task: ${what} comes from its dataset, which the API does not read (a worker with ORDERBENCH_DATA_DIR, or \`orderbench\` with --data-dir, computes it)`, { field, task });
}

export function forbidden(message: string): GraphQLError {
  return apiError("FORBIDDEN", message);
}

export function unauthenticated(message: string): GraphQLError {
  return apiError("UNAUTHENTICATED", message);
}
