import "server-only";
import { cache } from "react";
import { auth, sessionIdOf } from "@/lib/auth/config";
import type { PanelActor } from "@/lib/access/actor-types";
import { loadPrincipalCached } from "./principal";

/**
 * The panel actor for this request: session cookie -> Auth.js JWT -> session row -> principal,
 * re-read from the database once per request. Null when there is no live session: callers fail
 * closed (redirect to login, or FORBIDDEN/UNAUTHENTICATED in actions).
 */
export const getActor = cache(async (): Promise<PanelActor | null> => {
  const sid = sessionIdOf(await auth());
  if (!sid) return null;
  return loadPrincipalCached(sid);
});
