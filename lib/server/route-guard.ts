import "server-only";
import { can, refusalMessage, type SectionId } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { getActor } from "@/lib/auth/actor";
import { TWO_STEP_DUE_REFUSAL } from "@/lib/access/two-step-due";

/**
 * Panel route handlers (CSV exports, recordings and the like): the actor if it holds the section
 * (or, given several, any of them), otherwise the Response to return: 401 without a live session,
 * 403 naming the roles that would grant the (first) section (or, for a subuser that must set up
 * two-step verification first, saying so).
 * Usage: `const actor = await guardRoute("calls.downloads"); if (actor instanceof Response) return actor;`
 */
export async function guardRoute(ids: SectionId | readonly [SectionId, ...SectionId[]]): Promise<PanelActor | Response> {
  const sections: readonly SectionId[] = typeof ids === "string" ? [ids] : ids;
  const actor = await getActor();
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" };
  if (!actor) return new Response("Log in first.", { status: 401, headers });
  if (actor.twoStepDue) return new Response(TWO_STEP_DUE_REFUSAL, { status: 403, headers });
  if (!sections.some((id) => can(actor, id))) return new Response(refusalMessage(sections[0]!), { status: 403, headers });
  return actor;
}
