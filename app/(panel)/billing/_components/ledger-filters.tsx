"use client";
import Form from "next/form";
import { LEDGER_KIND_LABELS, LEDGER_KINDS, type LedgerKind } from "@/lib/domains/billing/client-safe";
import type { ListParams } from "@/components/data-table/search-params";
import { Field } from "@/components/forms/fields";
import { FilterActions } from "@/components/forms/filter-actions";
import { routes } from "@/lib/routes";

/**
 * The Transactions filters beyond the text box: entry kinds (several at once) and a range of UTC
 * days. A GET form: the filters live in the URL like the table's own state (which it carries
 * along in hidden fields), so a filtered list can be shared, and it works without JavaScript.
 */
export function LedgerFilters({
  kinds,
  fromDay,
  toDay,
  errors,
  params,
}: {
  kinds: LedgerKind[];
  fromDay: string;
  toDay: string;
  errors: { from?: string; to?: string };
  params: ListParams;
}) {
  const active = kinds.length > 0 || fromDay !== "" || toDay !== "";
  return (
    // Keyed by the filters, so a navigation that changes them (Clear, the back button) resets the
    // uncontrolled inputs, which would otherwise keep what was last chosen.
    <Form key={[kinds.join(","), fromDay, toDay].join("|")} action="/billing" replace scroll={false} className="mb-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="ledger-filters">
      <input type="hidden" name="tab" value="transactions" />
      {params.q ? <input type="hidden" name="q" value={params.q} /> : null}
      <input type="hidden" name="sort" value={params.sort} />
      <input type="hidden" name="dir" value={params.dir} />
      <input type="hidden" name="size" value={params.size} />
      <div className="flex flex-wrap items-end gap-x-6 gap-y-4">
        <fieldset className="min-w-0">
          <legend className="mb-1 text-sm font-medium text-slate-700">Kinds</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {LEDGER_KINDS.map((k) => (
              <label key={k} className="flex items-center gap-1.5 text-sm text-slate-800">
                <input type="checkbox" name="kind" value={k} defaultChecked={kinds.includes(k)} className="size-4 rounded border-slate-400 accent-brand-600" />
                {LEDGER_KIND_LABELS[k]}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-slate-600">None checked: every kind.</p>
        </fieldset>
        <div className="flex flex-wrap items-start gap-3">
          <Field label="From (UTC day)" name="from" type="date" defaultValue={fromDay} error={errors.from} className="w-44" />
          <Field label="To (UTC day, included)" name="to" type="date" defaultValue={toDay} error={errors.to} className="w-44" />
        </div>
        <FilterActions active={active} clearHref={routes.billingTab("transactions")} />
      </div>
    </Form>
  );
}
