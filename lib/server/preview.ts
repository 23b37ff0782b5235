import "server-only";
// The role preview's cookie (lib/access/preview.ts has the rule). Starting one is a server action
// of the account owner's (section subusers.edit); ending one is a plain POST route, since every
// server action is refused while a preview is on.
import { cookies } from "next/headers";
import { PREVIEW_COOKIE, serializePreview } from "@/lib/access/preview";
import type { AssignableRole } from "@/lib/access/matrix";

/** Starts previewing the panel as `roles` in this browser, for at most a session's length. */
export async function startPreview(roles: readonly AssignableRole[]): Promise<void> {
  (await cookies()).set(PREVIEW_COOKIE, serializePreview(roles), { httpOnly: true, sameSite: "lax", path: "/", maxAge: 8 * 60 * 60 });
}

/** Ends the preview in this browser (also on logout). */
export async function endPreview(): Promise<void> {
  (await cookies()).delete(PREVIEW_COOKIE);
}
