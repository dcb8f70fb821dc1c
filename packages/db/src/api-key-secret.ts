import { createHash, randomBytes } from "node:crypto";

/** Secrets look like `ob_` + 43 base64url characters (32 random bytes). */
export const API_KEY_PREFIX = "ob_";
/** Characters of the secret kept for display ("ob_" + 8), enough to tell keys apart, useless to an attacker. */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

export function generateSecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString("base64url");
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, DISPLAY_PREFIX_LENGTH);
}
