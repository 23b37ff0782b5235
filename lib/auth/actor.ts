import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import type { Route } from "next";
import { sessionIdInCookie } from "@/lib/auth/config";
import { db } from "@/lib/core/db";
import { routes } from "@/lib/routes";
import { RETURN_PATH_HEADER, withReturnPath } from "@/lib/core/return-path";
import type { PanelActor } from "@/lib/access/actor-types";
import { PREVIEW_COOKIE, previewFor } from "@/lib/access/preview";
import { loadPrincipalCached } from "./principal";
import { sessionHolder } from "./sessions";

/**
 * The panel actor for this request: session cookie -> Auth.js JWT -> session row -> principal,
 * re-read from the database once per request. Null when there is no live session: callers fail
 * closed (redirect to login, or FORBIDDEN/UNAUTHENTICATED in actions). When the account owner
 * previews roles, the actor carries the preview: can() narrows by it and action() refuses.
 *
 * The JWT is read with Auth.js's own decode (sessionIdInCookie: decrypted, authenticated and its
 * expiry checked), not through `auth()`, which does the same and the jwt callback's row read, and
 * then encrypts a fresh token to slide the cookie's expiry: about 2.5% of a page's CPU (issue 11),
 * for a cookie a server component cannot set and a session row whose 8 hours do not slide. The
 * row is read here on every request, so a revoked or expired session ends at once, as before.
 */
export const getActor = cache(async (): Promise<PanelActor | null> => {
  const store = await cookies();
  const sid = await sessionIdInCookie((name) => store.get(name)?.value);
  if (!sid) return null;
  const actor = await loadPrincipalCached(sid);
  if (!actor) return null;
  const preview = previewFor(actor, store.get(PREVIEW_COOKIE)?.value);
  return preview ? { ...actor, preview } : actor;
});

/**
 * Where a request without a live session logs in: a subuser whose session ended (revoked by a
 * role change, a password reset or deactivation, or past its 8 hours) goes back to its account's
 * subuser login link, the only page it can log in on, and the account owner to /login; both
 * with `?ended=1`, which the page turns into "Your session has ended". A request with no
 * readable session cookie, or whose session row is gone, goes to /login. Each with the page that
 * was asked for (`&next=`, the proxy's RETURN_PATH_HEADER), to land on after logging in.
 */
export async function loginAfterSessionEnd(): Promise<Route> {
  const store = await cookies();
  const holder = await sessionHolder(db, await sessionIdInCookie((name) => store.get(name)?.value));
  const page = (await headers()).get(RETURN_PATH_HEADER);
  if (!holder) return withReturnPath(routes.login, page) as Route;
  return withReturnPath(`${holder.subuserId === null ? routes.login : routes.subuserLogin(holder.accountId)}?ended=1`, page) as Route;
}
