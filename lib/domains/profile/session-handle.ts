import { createHash } from "node:crypto";

/**
 * A session's public name on the profile page. The session id is what the Auth.js cookie
 * carries, so it never leaves the server; a one-way digest of it identifies the row instead.
 */
export function sessionHandle(sessionId: string): string {
  return createHash("sha256").update(`session-handle:${sessionId}`).digest("base64url").slice(0, 22);
}
