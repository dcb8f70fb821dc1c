import type { AuthChecker } from "type-graphql";
import { allows, rolesAllowed, type Access } from "../auth/principal";
import { forbidden } from "../errors";
import type { GraphQLContext } from "./context";

/**
 * `@Authorized("researcher")` etc. Every field names exactly one access level. A refusal is FORBIDDEN with
 * the field, the caller's role and the roles that may use it.
 */
export const authChecker: AuthChecker<GraphQLContext, Access> = ({ context, info }, needs) => {
  const { role } = context.principal;
  for (const need of needs) {
    if (!allows(role, need)) {
      const hint = role === "worker" ? "; worker keys may only use the worker protocol" : "";
      throw forbidden(`${info.parentType.name}.${info.fieldName} needs ${anyOf(rolesAllowed(need))} key; this key's role is ${role}${hint}`);
    }
  }
  return true;
};

/** ["viewer", "researcher", "admin"] → "a viewer, researcher or admin"; ["admin"] → "an admin". */
function anyOf(roles: readonly string[]): string {
  const list = roles.length > 1 ? `${roles.slice(0, -1).join(", ")} or ${roles.at(-1)}` : (roles[0] ?? "");
  return `${/^[aeiou]/.test(list) ? "an" : "a"} ${list}`;
}
