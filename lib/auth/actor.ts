import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { auth, sessionIdOf } from "@/lib/auth/config";
import type { PanelActor } from "@/lib/access/actor-types";
import { PREVIEW_COOKIE, previewFor } from "@/lib/access/preview";
import { loadPrincipalCached } from "./principal";

/**
 * The panel actor for this request: session cookie -> Auth.js JWT -> session row -> principal,
 * re-read from the database once per request. Null when there is no live session: callers fail
 * closed (redirect to login, or FORBIDDEN/UNAUTHENTICATED in actions). When the account owner
 * previews roles, the actor carries the preview: can() narrows by it and action() refuses.
 */
export const getActor = cache(async (): Promise<PanelActor | null> => {
  const sid = sessionIdOf(await auth());
  if (!sid) return null;
  const actor = await loadPrincipalCached(sid);
  if (!actor) return null;
  const preview = previewFor(actor, (await cookies()).get(PREVIEW_COOKIE)?.value);
  return preview ? { ...actor, preview } : actor;
});
