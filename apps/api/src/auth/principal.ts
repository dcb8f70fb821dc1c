import type { ApiKeyRole } from "@orderbench/db/schema";

/** Who is calling: the API key's role, or admin for key-less local use / auth off. */
export interface Principal {
  role: ApiKeyRole;
  /** How the caller was admitted. */
  via: "key" | "local" | "auth-off";
  apiKeyId: string | null;
  apiKeyName: string | null;
}

/**
 * What a field needs. viewer < researcher < admin is a ladder; `worker` is a side branch: worker keys may call
 * only the worker protocol, which admin may call too (a local worker runs key-less, as admin).
 */
export type Access = "viewer" | "researcher" | "admin" | "worker";

const LADDER: Record<ApiKeyRole, readonly Access[]> = {
  viewer: ["viewer"],
  researcher: ["viewer", "researcher"],
  worker: ["worker"],
  admin: ["viewer", "researcher", "admin", "worker"],
};

export function allows(role: ApiKeyRole, need: Access): boolean {
  return LADDER[role].includes(need);
}

/** Roles that may use a field needing `need`, for error messages. */
export function rolesAllowed(need: Access): ApiKeyRole[] {
  return (Object.keys(LADDER) as ApiKeyRole[]).filter((role) => allows(role, need));
}
