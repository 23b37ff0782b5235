// What only the account owner's own login may do beyond the matrix's sections: the panel pages of
// ours that are not rows of role-matrix.json (the seed's table, which gains no rows), such as
// /settings/child-accounts (docs/PRODUCT.md section 9, "MainAccount only (ours)"). Pure, so the
// page guard (lib/server/guards.ts requireOwner), the action wrapper, the sidebar and the domain
// all ask the same rule.
import { OWNER_ROLE, roleLabel } from "./matrix";

/** Owner-only panel pages that are not matrix sections, with their titles. */
export const OWNER_PAGES = {
  child_accounts: { title: "Child accounts" },
} as const;
export type OwnerPage = keyof typeof OWNER_PAGES;

/**
 * Whether the actor is the account owner's own login (MainAccount), acting as itself. Subusers
 * never are, whatever their roles (an Owner subuser is not the account owner); neither is any API
 * key; nor is the owner while it previews a role set (lib/access/preview.ts), so a preview hides
 * owner-only pages as it hides any section.
 */
export { isAccountOwner } from "./preview";

/** "the account owner": who may open an owner-only page, as refusals name it. */
export const ACCOUNT_OWNER_LABEL = roleLabel(OWNER_ROLE);

/** The refusal for an owner-only page or action: "Only the account owner can use “Child accounts”." */
export function ownerOnlyRefusal(page: OwnerPage): string {
  return `Only ${ACCOUNT_OWNER_LABEL} can use “${OWNER_PAGES[page].title}”.`;
}
