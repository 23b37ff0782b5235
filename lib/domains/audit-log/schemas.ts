// The audit log list's query: the Logs page parses its URL into this, and the query re-validates
// it (a query is an entry point too). Sort keys are an allow-list so they can go into orderBy.
import { z } from "zod";
import { safeText } from "@/lib/core/validate";

export const AUDIT_LOG_SORTS = ["createdAt", "action", "actorName"] as const;
export type AuditLogSort = (typeof AUDIT_LOG_SORTS)[number];

export const AUDIT_LOG_MAX_PAGE_SIZE = 100;

export const ZAuditLogQuery = z.object({
  /** Matches the action, the actor's name or the detail, which names the target (substring, case-insensitive for ASCII). */
  q: z.string().trim().max(100, "Filter is too long").superRefine(safeText("Filter")).default(""),
  sort: z.enum(AUDIT_LOG_SORTS).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  /** 1-based; past the last page reads the last page. */
  page: z.number().int().min(1).default(1),
  size: z.number().int().min(1).max(AUDIT_LOG_MAX_PAGE_SIZE).default(20),
});

export type AuditLogQuery = z.input<typeof ZAuditLogQuery>;
