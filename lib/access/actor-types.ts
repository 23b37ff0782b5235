// Who is acting. Built on the server from the session row (panel) or the API key (Management
// API), never from client input. Pure types, importable by tests and mutations alike.
import type { Role } from "./matrix";
import type { Preview } from "./preview";

export type Actor = {
  kind: "owner" | "subuser" | "key";
  /** The tenant every query is scoped by. */
  accountId: number;
  accountName: string;
  /** The subuser acting (or owning the acting key); null for the account owner. */
  subuserId: number | null;
  /** The acting API key, for kind "key". */
  keyId: string | null;
  /** Human-readable name for the audit log. */
  name: string;
  roles: readonly Role[];
  ip: string;
  /**
   * The role set the account owner is previewing the panel as (lib/access/preview.ts), or
   * null/absent. It only narrows what `roles` grant; every server action is refused while it is on.
   */
  preview?: Preview | null;
};

/** A panel actor also knows its session, for the profile page and revocation. */
export type PanelActor = Actor & {
  kind: "owner" | "subuser";
  accountEmail: string;
  sessionId: string;
  sessionCreatedAt: Date;
  sessionExpiresAt: Date;
  /**
   * The account requires two-step verification (Account.requireTwoStep) and this subuser has not
   * set it up: `roles` is empty, so it holds no section, and it may only set the verification up
   * (/two-step, lib/auth/sessions.ts loadPrincipal).
   */
  twoStepDue?: true;
};
