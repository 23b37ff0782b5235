import type { PanelActor } from "@/lib/access/actor-types";
import { getLedger } from "@/lib/domains/billing/queries";
import { LEDGER_SORTS, ledgerFilterSearch, parseLedgerFilterParams } from "@/lib/domains/billing/schemas";
import { parseListParams, type RawSearchParams } from "@/components/data-table/search-params";
import { LedgerFilters } from "./ledger-filters";
import { LedgerTable } from "./ledger-table";

/** The Transactions tab: the ledger, server-side paged, sorted and filtered (kinds, UTC days, text), and its CSV. */
export async function TransactionsTab({ actor, raw, currency }: { actor: PanelActor; raw: RawSearchParams; currency: string }) {
  const params = parseListParams(raw, { sort: LEDGER_SORTS, defaultDir: "desc" });
  const filters = parseLedgerFilterParams(raw);
  const ledger = await getLedger(actor, params, filters.filter);
  // The export gets the filters the table applied: a date the tab could not use is left out of both.
  const exportHref = `/billing/transactions/export?${ledgerFilterSearch({
    kinds: filters.kinds,
    fromDay: filters.errors.from ? "" : filters.fromDay,
    toDay: filters.errors.to ? "" : filters.toDay,
    q: params.q,
  }).toString()}`;
  const filtered = filters.kinds.length > 0 || !!filters.filter.from || !!filters.filter.to;
  return (
    <>
      <LedgerFilters kinds={filters.kinds} fromDay={filters.fromDay} toDay={filters.toDay} errors={filters.errors} params={params} />
      <LedgerTable rows={ledger.rows} total={ledger.total} params={{ ...params, page: ledger.page }} currency={currency} exportHref={exportHref} filtered={filtered} />
    </>
  );
}
