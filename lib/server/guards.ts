// Pages: the only way a panel page learns who is asking. Layouts never gate (they are not a
// security boundary): every page's first statement is requireSection (or, for the owner-only
// pages of ours that are not matrix sections, requireOwner), which app/pages.test.ts checks
// statically.
import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { can, type SectionId } from "@/lib/access/matrix";
import { isAccountOwner, type OwnerPage } from "@/lib/access/account-owner";
import type { PanelActor } from "@/lib/access/actor-types";
import { getActor, loginAfterSessionEnd } from "@/lib/auth/actor";
import { routes } from "@/lib/routes";

/**
 * The request-scoped section (or owner-only page) a page was refused for, read by the 403 page
 * to name who may open it.
 */
export const refusedSection = cache((): { id: SectionId | null; ownerPage: OwnerPage | null } => ({ id: null, ownerPage: null }));

/**
 * Pages: the live actor, or a redirect to the login page its session came from
 * (loginAfterSessionEnd); a subuser that must set up two-step verification first goes to that
 * page (routes.twoStepSetup) whatever it asked for.
 */
export async function requireActor(): Promise<PanelActor> {
  const actor = await getActor();
  if (!actor) redirect(await loginAfterSessionEnd());
  if (actor.twoStepDue) redirect(routes.twoStepSetup);
  return actor;
}

/**
 * First line of every panel page. No session: redirect to /login. Session without the section:
 * a real HTTP 403 whose page names the roles that would grant it. Layouts never gate.
 */
export async function requireSection(id: SectionId): Promise<PanelActor> {
  const actor = await requireActor();
  if (!can(actor, id)) {
    refusedSection().id = id;
    forbidden();
  }
  return actor;
}

/**
 * First line of the owner-only pages of ours that are not rows of role-matrix.json (docs/PRODUCT.md
 * section 9: /settings/child-accounts, "MainAccount only (ours)"). No session: redirect to /login.
 * Any principal but the account owner's own login (every subuser, whatever its roles): a real
 * HTTP 403 whose page names "the account owner". The rule is lib/access/account-owner.ts.
 */
export async function requireOwner(page: OwnerPage): Promise<PanelActor> {
  const actor = await requireActor();
  if (!isAccountOwner(actor)) {
    refusedSection().ownerPage = page;
    forbidden();
  }
  return actor;
}
