import type { Db } from "@orderbench/db/client";
import { verifyApiKey } from "@orderbench/db/queries";
import { unauthenticated } from "../errors";
import { hasActiveApiKeys } from "../services/has-active-api-keys";
import type { Principal } from "./principal";

export interface AuthPolicy {
  auth: "auto" | "required" | "off";
  /** The server listens on a loopback address only. */
  loopback: boolean;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const CREATE_KEY_HINT = "create one with `npm run create-key -w @orderbench/api -- --role admin`";

/**
 * Turns the Authorization header (HTTP) or connectionParams.authorization (WebSocket) into a Principal.
 * A key that is sent is always checked, even where none is needed, so a typo is never silently ignored.
 * Without a key: admin when auth is off, or on loopback in `auto` mode while no API key exists yet
 * (local use); otherwise UNAUTHENTICATED.
 */
export async function authenticate(db: Db, policy: AuthPolicy, authorization: string | undefined | null): Promise<Principal> {
  if (authorization) {
    const secret = BEARER.exec(authorization)?.[1];
    if (!secret) throw unauthenticated('the authorization header must be "Bearer <API key>" (the key starts with ob_)');
    const key = await verifyApiKey(db, secret);
    if (!key) throw unauthenticated(`API key ${secret.slice(0, 11)}… is not known or has been revoked; ${CREATE_KEY_HINT}`);
    return { role: key.role, via: "key", apiKeyId: key.id, apiKeyName: key.name };
  }
  if (policy.auth === "off") return { role: "admin", via: "auth-off", apiKeyId: null, apiKeyName: null };
  if (policy.auth === "auto" && policy.loopback) {
    if (!(await hasActiveApiKeys(db))) return { role: "admin", via: "local", apiKeyId: null, apiKeyName: null };
    throw unauthenticated(`this API has API keys, so every request needs one: send "Authorization: Bearer ob_…"`);
  }
  throw unauthenticated(`this API requires an API key: send "Authorization: Bearer ob_…"; ${CREATE_KEY_HINT}`);
}

const LOOPBACK = new Set(["localhost", "::1", "[::1]"]);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}
