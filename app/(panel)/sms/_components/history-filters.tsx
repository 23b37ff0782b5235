"use client";
// The histories' filters: a GET form (next/form: a client-side navigation with JavaScript, a
// plain GET without), so the filters live in the URL like the list's own state, which it carries
// along in hidden fields (the text filter and sort; the page starts over).
import Form from "next/form";
import Link from "next/link";
import type { Route } from "next";
import { Field } from "@/components/forms/fields";
import { FilterActions } from "@/components/forms/filter-actions";
import type { ListParams } from "@/components/data-table/search-params";
import { STATUS_LABEL } from "./status-steps";
import { SelectField } from "@/components/forms/select-field";
import { HISTORY_STATUSES, type HistoryFilters, type HistoryKind } from "./history-params";

export function HistoryFiltersForm({ kind, path, list, filters }: { kind: HistoryKind; path: Route; list: ListParams; filters: HistoryFilters }) {
  const any = Object.values(filters).some((v) => v !== undefined);
  return (
    // Keyed by the filters, so a navigation that changes them (Clear, the back button) resets the
    // uncontrolled inputs, which would otherwise keep what was last chosen.
    <Form key={JSON.stringify(filters)} action={path} className="mb-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Filters" data-testid="history-filters">
      {list.q ? <input type="hidden" name="q" value={list.q} /> : null}
      <input type="hidden" name="sort" value={list.sort} />
      <input type="hidden" name="dir" value={list.dir} />
      {list.size !== 20 ? <input type="hidden" name="size" value={list.size} /> : null}
      {filters.batch ? <input type="hidden" name="batch" value={filters.batch} /> : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {kind === "two_way" ? (
          <SelectField label="Direction" name="direction" defaultValue={filters.direction ?? ""}>
            <option value="">Both</option>
            <option value="out">Sent</option>
            <option value="in">Received</option>
          </SelectField>
        ) : (
          <Field label="Sender contains" name="source" defaultValue={filters.source ?? ""} maxLength={20} autoComplete="off" />
        )}
        <SelectField label="Status" name="status" defaultValue={filters.status ?? ""}>
          <option value="">Any</option>
          {HISTORY_STATUSES[kind].map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </SelectField>
        <Field label="From (UTC day)" name="from" type="date" defaultValue={filters.from ?? ""} />
        <Field label="To (UTC day, inclusive)" name="to" type="date" defaultValue={filters.to ?? ""} />
        <FilterActions active={any} clearHref={path} className="self-end" />
      </div>
      {filters.batch ? (
        <p className="mt-3 text-sm text-slate-700" data-batch-filter>
          Only batch #{filters.batch}.{" "}
          <Link href={path} className="font-medium text-brand-700 hover:underline">
            Show all batches
          </Link>
        </p>
      ) : null}
    </Form>
  );
}
