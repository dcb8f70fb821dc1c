import { API_KEY_ROLES, RUN_STATUSES, type ApiKeyRole, type RunStatus } from "@orderbench/db/schema";
import { registerEnumType } from "type-graphql";
import { NON_FINITE, type NonFinite } from "../services/metric-values";

/** GraphQL enums whose values are the database's strings, so no mapping is needed. */
function enumOf<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
}

export const RunStatusEnum = enumOf<RunStatus>(RUN_STATUSES);
registerEnumType(RunStatusEnum, { name: "RunStatus", description: "queued → running → succeeded | failed | cancelled" });

export const RoleEnum = enumOf<ApiKeyRole>(API_KEY_ROLES);
registerEnumType(RoleEnum, { name: "Role", description: "viewer < researcher < admin; worker may only use the worker protocol" });

export const NonFiniteEnum = enumOf<NonFinite>(NON_FINITE);
registerEnumType(NonFiniteEnum, { name: "NonFinite", description: "A metric value JSON cannot carry; sent with value: null" });

export const AUTH_METHODS = ["key", "local", "auth-off"] as const;
export const AuthMethodEnum = { KEY: "key", LOCAL: "local", AUTH_OFF: "auth-off" } as const;
registerEnumType(AuthMethodEnum, {
  name: "AuthMethod",
  description: "KEY: an API key; LOCAL: key-less on loopback while no key exists; AUTH_OFF: ORDERBENCH_AUTH=off",
});
