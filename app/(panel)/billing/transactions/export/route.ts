import { guardRoute } from "@/lib/server/route-guard";
import { csvFileName, csvResponse, type CsvColumn } from "@/lib/core/csv";
import { getBillingSettings, ledgerEntries, type LedgerEntryRow } from "@/lib/domains/billing/queries";
import { minorToMajor, parseLedgerFilterParams, ZLedgerQuery } from "@/lib/domains/billing/schemas";
import { textResponse } from "@/lib/server/responses";

type ExportRow = LedgerEntryRow & { referenceType: string; referenceId: string };

/**
 * The Transactions tab's CSV: exactly the rows its filters show (?kind=…&from=…&to=…&q=…, the
 * tab's own URL parameters), newest first, streamed. Amounts are decimals in the account's
 * currency (named in their own column), dates ISO 8601 UTC. A filter the tab would not have
 * produced (a malformed date, a search too long) is answered 400 rather than exporting
 * something other than what was asked.
 */
export async function GET(request: Request): Promise<Response> {
  const actor = await guardRoute("billing");
  if (actor instanceof Response) return actor;
  const search = new URL(request.url).searchParams;
  const params = parseLedgerFilterParams({ kind: search.getAll("kind"), from: search.get("from") ?? undefined, to: search.get("to") ?? undefined });
  const problem = params.errors.from ?? params.errors.to;
  if (problem) return textResponse(400, `${problem}.`);
  const q = ZLedgerQuery.shape.q.safeParse(search.get("q") ?? "");
  if (!q.success) return textResponse(400, `${q.error.issues[0]?.message ?? "The search text is not valid"}.`);
  const { currency } = await getBillingSettings(actor);
  const columns: CsvColumn<ExportRow>[] = [
    { header: "id", value: (r) => r.id },
    { header: "created_at_utc", value: (r) => r.createdAt },
    { header: "kind", value: (r) => r.kind },
    { header: "description", value: (r) => r.memo },
    { header: "amount", value: (r) => minorToMajor(r.amountMinor) },
    { header: "currency", value: () => currency },
    { header: "reference_type", value: (r) => r.referenceType },
    { header: "reference_id", value: (r) => r.referenceId },
  ];
  return csvResponse({
    fileName: csvFileName(`transactions-${actor.accountName}`, new Date()),
    columns,
    rows: ledgerEntries(actor, { ...params.filter, q: q.data, newestFirst: true }),
  });
}
