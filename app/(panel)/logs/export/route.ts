import { guardRoute } from "@/lib/server/route-guard";
import { csvFileName, csvResponse, type CsvColumn } from "@/lib/core/csv";
import { auditLogEntries, type AuditLogRow } from "@/lib/domains/audit-log/queries";
import { AUDIT_KINDS, AUDIT_OUTCOMES, parseAuditLogFilterParams, ZAuditLogQuery } from "@/lib/domains/audit-log/schemas";
import { textResponse } from "@/lib/server/responses";

const COLUMNS: CsvColumn<AuditLogRow>[] = [
  { header: "id", value: (r) => r.id },
  { header: "time_utc", value: (r) => r.createdAt },
  { header: "actor_type", value: (r) => r.actorType },
  { header: "actor", value: (r) => r.actorName },
  { header: "action", value: (r) => r.action },
  { header: "target_type", value: (r) => r.targetType },
  { header: "target_id", value: (r) => r.targetId },
  { header: "outcome", value: (r) => r.outcome },
  { header: "ip", value: (r) => r.ip },
  { header: "description", value: (r) => r.sentence },
  { header: "detail", value: (r) => r.detail },
];

/** A value the page's form never sends (the page drops it; the export refuses it), as a message. */
function unknownValue(name: string, raw: string | null, parsed: string | undefined, allowed: readonly string[]): string | undefined {
  return raw?.trim() && parsed === undefined ? `Unknown ${name} “${raw.slice(0, 40)}”: use one of ${allowed.join(", ")}` : undefined;
}

/**
 * The Logs page's CSV: every entry its filters match (?q=&from=&to=&outcome=&kind=, the page's
 * own URL parameters; days are UTC and both included), newest first, streamed, not capped at the
 * page's 10,000. Dates ISO 8601 UTC. A filter the page would not have produced (a malformed day,
 * a search too long) is answered 400 rather than exporting something other than what was asked.
 */
export async function GET(request: Request): Promise<Response> {
  const actor = await guardRoute("logs");
  if (actor instanceof Response) return actor;
  const search = new URL(request.url).searchParams;
  const params = parseAuditLogFilterParams(Object.fromEntries(["from", "to", "outcome", "kind"].map((k) => [k, search.get(k) ?? undefined])));
  const problem = params.errors.from ?? params.errors.to ?? unknownValue("outcome", search.get("outcome"), params.outcome, AUDIT_OUTCOMES) ?? unknownValue("kind", search.get("kind"), params.kind, AUDIT_KINDS);
  if (problem) return textResponse(400, `${problem}.`);
  const q = ZAuditLogQuery.shape.q.safeParse(search.get("q") ?? "");
  if (!q.success) return textResponse(400, `${q.error.issues[0]?.message ?? "The search text is not valid"}.`);
  return csvResponse({
    fileName: csvFileName(`audit-log-${actor.accountName}`, new Date()),
    columns: COLUMNS,
    rows: auditLogEntries(actor, { ...params.filter, q: q.data }),
  });
}
