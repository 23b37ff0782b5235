// "Request access" on the 403 page (issue 8, item 4): a subuser refused a section asks the
// account owner for it. The rule of who may ask, and what the request names, lives here with the
// rest of the access rules; lib/domains/notifications writes the notification and its audit row.
import { AppError } from "@/lib/core/errors";
import type { Actor } from "./actor-types";
import { ASSIGNABLE_ROLES, can, rolesGranting, section, type AssignableRole, type SectionId } from "./matrix";

/** The roles the account owner could give a subuser to open a section (MainAccount is never given). */
export function assignableGranters(id: SectionId): AssignableRole[] {
  const granting = new Set<string>(rolesGranting(id));
  return ASSIGNABLE_ROLES.filter((r) => granting.has(r));
}

/**
 * Whether this actor may ask the account owner for a section, and the roles the request names.
 * Only a subuser in the panel asks (the owner grants roles itself; keys have no panel), only for
 * a page section it does not hold, and only when some assignable role would open it. Throws
 * FORBIDDEN or INVALID_INPUT (field `section`) otherwise.
 */
export function authorizeAccessRequest(actor: Actor, id: SectionId): AssignableRole[] {
  if (actor.kind === "key") throw new AppError("FORBIDDEN", { message: "Not available through the API" });
  if (actor.kind !== "subuser") {
    throw new AppError("FORBIDDEN", { message: "The account owner gives roles to subusers; there is no one to ask." });
  }
  if (section(id).kind !== "page") throw new AppError("INVALID_INPUT", { field: "section", message: "Access is requested for a page" });
  if (can(actor, id)) throw new AppError("INVALID_INPUT", { field: "section", message: "You can already open this section" });
  const granters = assignableGranters(id);
  if (granters.length === 0) {
    throw new AppError("INVALID_INPUT", { field: "section", message: "No role opens this section: only the account owner's own login has it" });
  }
  return granters;
}
