// Pages: the only way a panel page learns who is asking. Layouts never gate (they are not a
// security boundary): every page's first statement is requireSection, which app/pages.test.ts
// checks statically.
import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { can, type SectionId } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { getActor } from "@/lib/auth/actor";
import { routes } from "@/lib/routes";

/** The request-scoped section a page was refused for, read by the 403 page to name its roles. */
export const refusedSection = cache((): { id: SectionId | null } => ({ id: null }));

/** Pages: the live actor, or a redirect to the login page. */
export async function requireActor(): Promise<PanelActor> {
  const actor = await getActor();
  if (!actor) redirect(routes.login);
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
