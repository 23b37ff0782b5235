// The Logs filters' values and labels, for client components (the filter form) without zod:
// lib/domains/audit-log/schemas.ts re-exports them for the server.
import type { AuditEntry } from "@/lib/core/audit";

/** An entry's outcome, as lib/core/audit.ts writes it. */
export const AUDIT_OUTCOMES = ["ok", "denied", "failed"] as const satisfies readonly NonNullable<AuditEntry["outcome"]>[];
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = { ok: "Succeeded", denied: "Denied", failed: "Failed" };

/**
 * Which entries: `changes` are the rows of a change (what the dashboard's recent activity shows);
 * `access` are logins, API calls, reads and the panel's refused changes (lib/core/audit.ts
 * ROUTINE_ACTIONS, the `routine` column).
 */
export const AUDIT_KINDS = ["changes", "access"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
export const AUDIT_KIND_LABELS: Record<AuditKind, string> = { changes: "Changes only", access: "Logins, API calls and refusals" };
