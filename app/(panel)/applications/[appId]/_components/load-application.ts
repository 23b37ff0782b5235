import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/access/actor-types";
import { getApplication, type ApplicationDto } from "@/lib/domains/applications/queries";
import { parseRecordId } from "@/lib/core/ids";

/**
 * The [appId] segment's application, scoped to the actor's account; null for garbage ids and for
 * another account's application (it must read as missing, not forbidden). Cached per request so
 * the title, the layout and the page share one query.
 */
export const findApplication = cache(async (actor: Actor, appIdParam: string): Promise<ApplicationDto | null> => {
  const id = parseRecordId(appIdParam);
  return id ? getApplication(actor, id) : null;
});

/** findApplication, or the 404 page. */
export async function loadApplication(actor: Actor, appIdParam: string): Promise<ApplicationDto> {
  const app = await findApplication(actor, appIdParam);
  if (!app) notFound();
  return app;
}
