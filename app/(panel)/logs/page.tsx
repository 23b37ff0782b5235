import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { listAuditLog } from "@/lib/domains/audit-log/queries";
import { AUDIT_LOG_SORTS, auditLogFilterSearch, parseAuditLogFilterParams } from "@/lib/domains/audit-log/schemas";
import { parseListParams, type RawSearchParams } from "@/components/data-table/search-params";
import { CappedNotice } from "@/components/data-table/capped-notice";
import { SectionHeader } from "@/components/ui/page";
import { AuditLogTable } from "./_components/audit-log-table";
import { LogFilters } from "./_components/log-filters";

const withSearch = (path: string, search: URLSearchParams) => (search.size ? `${path}?${search}` : path);

export const metadata: Metadata = { title: sectionTitle("logs") };

export default async function LogsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("logs");
  const raw = await searchParams;
  const params = parseListParams(raw, { sort: AUDIT_LOG_SORTS, defaultDir: "desc" });
  const { filter, ...filters } = parseAuditLogFilterParams(raw);
  const log = await listAuditLog(actor, { ...params, ...filter });
  return (
    <>
      <SectionHeader
        section="logs"
        description="The account's audit log: every change made in the panel or through the Management API, who made it, from which address, and whether it succeeded."
      />
      <LogFilters filters={filters} params={params} />
      {log.capped ? <CappedNotice noun="entries" /> : null}
      <AuditLogTable rows={log.rows} total={log.total} params={{ ...params, page: log.page }} filtered={Object.keys(filter).length > 0} exportHref={withSearch("/logs/export", auditLogFilterSearch(params.q, filters))} />
    </>
  );
}
