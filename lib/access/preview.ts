// "See the panel as a role before granting it" (issue 8, item 5). The account owner picks a set of
// assignable roles and the panel answers as it would for a subuser holding exactly that set: the
// same sidebar, the same 200/403 per page, the same controls. It is computed here, by the access
// module, not by a copy of it: can() ANDs the previewed roles with the actor's own, so a preview
// only ever narrows the owner's access. lib/server/action.ts refuses every server action while a
// preview is on, so nothing can be written through one.
import { ASSIGNABLE_ROLES, isAssignableRole, type AssignableRole } from "./matrix";

export type Preview = { readonly roles: readonly AssignableRole[] };

/** The cookie that carries the previewed role set ("Developer,Support"); read only for the account owner. */
export const PREVIEW_COOKIE = "sb-preview";

/**
 * The previewed role set from its cookie value: known assignable roles, deduplicated, in the
 * matrix's order. Anything else (empty, an unknown name, MainAccount) is no preview at all:
 * fails closed to the actor's real access, which a preview could only have narrowed.
 */
export function parsePreview(value: string | undefined | null): Preview | null {
  if (!value || value.length > 400) return null;
  const names = value.split(",").map((r) => r.trim());
  if (names.length === 0 || !names.every(isAssignableRole)) return null;
  return { roles: ASSIGNABLE_ROLES.filter((r) => names.includes(r)) };
}

/** The cookie value for a role set (the inverse of parsePreview). */
export function serializePreview(roles: readonly AssignableRole[]): string {
  return ASSIGNABLE_ROLES.filter((r) => roles.includes(r)).join(",");
}

/**
 * The preview an actor is under, given the cookie's value. Only the account owner's own login
 * previews (it is the one who grants roles); for anyone else the cookie is ignored.
 */
export function previewFor(actor: { kind: string }, cookieValue: string | undefined | null): Preview | null {
  return actor.kind === "owner" ? parsePreview(cookieValue) : null;
}

/**
 * Whether the actor is the account owner acting as itself: its own login, not previewing. Rules
 * that the matrix cannot express ("MainAccount only" pages and actions outside role-matrix.json)
 * ask this rather than `kind === "owner"`, so a preview hides them as it hides any section.
 */
export function isAccountOwner(actor: { kind: string; preview?: Preview | null }): boolean {
  return actor.kind === "owner" && !actor.preview;
}
