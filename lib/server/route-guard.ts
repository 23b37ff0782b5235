import "server-only";
import { can, refusalMessage, type SectionId } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { getActor } from "@/lib/auth/actor";

/**
 * Panel route handlers (CSV exports and the like): the actor if it holds the section, otherwise
 * the Response to return: 401 without a live session, 403 naming the roles that would grant it.
 * Usage: `const actor = await guardRoute("calls.downloads"); if (actor instanceof Response) return actor;`
 */
export async function guardRoute(id: SectionId): Promise<PanelActor | Response> {
  const actor = await getActor();
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" };
  if (!actor) return new Response("Log in first.", { status: 401, headers });
  if (!can(actor, id)) return new Response(refusalMessage(id), { status: 403, headers });
  return actor;
}
