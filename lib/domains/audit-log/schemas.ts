// The audit log list's query: the Logs page parses its URL into this, and the query re-validates
// it (a query is an entry point too). Sort keys are an allow-list so they can go into orderBy.
import { z } from "zod";
import { safeText } from "@/lib/core/validate";
import { parseDayRange, type DayRange } from "@/lib/core/day-range";
import { oneOfParam } from "@/lib/core/url-params";

export const AUDIT_LOG_SORTS = ["createdAt", "action", "actorName"] as const;
export type AuditLogSort = (typeof AUDIT_LOG_SORTS)[number];

export const AUDIT_LOG_MAX_PAGE_SIZE = 100;

export * from "./client-safe";
import { AUDIT_KINDS, AUDIT_OUTCOMES, type AuditKind, type AuditOutcome } from "./client-safe";

export const ZAuditLogQuery = z.object({
  /** Matches the action, the actor's name or the detail, which names the target (substring, case-insensitive for ASCII). */
  q: z.string().trim().max(100, "Filter is too long").superRefine(safeText("Filter")).default(""),
  /** Entries at or after this instant (UTC). */
  from: z.date().optional(),
  /** Entries before this instant (UTC, exclusive). */
  to: z.date().optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  kind: z.enum(AUDIT_KINDS).optional(),
  sort: z.enum(AUDIT_LOG_SORTS).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  /** 1-based; past the last page reads the last page. */
  page: z.number().int().min(1).default(1),
  size: z.number().int().min(1).max(AUDIT_LOG_MAX_PAGE_SIZE).default(20),
});

export type AuditLogQuery = z.input<typeof ZAuditLogQuery>;

export type AuditLogFilterParams = Omit<DayRange, "range"> & {
  outcome?: AuditOutcome;
  kind?: AuditKind;
  /** For listAuditLog: `from` inclusive, `to` exclusive (the midnight after `toDay`), UTC. */
  filter: Pick<AuditLogQuery, "from" | "to" | "outcome" | "kind">;
};

/**
 * The Logs page's filters beyond the text box, from its URL (?from=&to= as UTC days, both
 * included; ?outcome=ok|denied|failed; ?kind=changes|access). Never throws: an unknown value is
 * dropped, a bad day is named in `errors` (lib/core/day-range.ts).
 */
export function parseAuditLogFilterParams(raw: Record<string, string | string[] | undefined>): AuditLogFilterParams {
  const { fromDay, toDay, range, errors } = parseDayRange(raw.from, raw.to);
  const outcome = oneOfParam(AUDIT_OUTCOMES, raw.outcome);
  const kind = oneOfParam(AUDIT_KINDS, raw.kind);
  return {
    fromDay,
    toDay,
    errors,
    ...(outcome ? { outcome } : {}),
    ...(kind ? { kind } : {}),
    filter: { ...range, ...(outcome ? { outcome } : {}), ...(kind ? { kind } : {}) },
  };
}

/**
 * The URL search of the filters the page applied, for its CSV link (parseAuditLogFilterParams
 * reads it back): a day the page could not use is left out, as the table left it out.
 */
export function auditLogFilterSearch(q: string, f: Omit<AuditLogFilterParams, "filter">): URLSearchParams {
  const out = new URLSearchParams();
  if (q) out.set("q", q);
  if (f.fromDay && !f.errors.from) out.set("from", f.fromDay);
  if (f.toDay && !f.errors.to) out.set("to", f.toDay);
  if (f.outcome) out.set("outcome", f.outcome);
  if (f.kind) out.set("kind", f.kind);
  return out;
}
