import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/access/actor-types";
import { getApplication, type ApplicationDto } from "@/lib/domains/applications/queries";
import { parseRecordId } from "@/lib/core/ids";

/**
 * The [appId] segment's application, scoped to the actor's account; 404 for garbage ids and for
 * another account's application (it must read as missing, not forbidden). Cached per request so
 * the layout and the page share one query.
 */
export const loadApplication = cache(async (actor: Actor, appIdParam: string): Promise<ApplicationDto> => {
  const id = parseRecordId(appIdParam);
  if (!id) notFound();
  const app = await getApplication(actor, id);
  if (!app) notFound();
  return app;
});
