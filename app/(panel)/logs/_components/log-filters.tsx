"use client";
// The Logs page's filters beyond the table's text box: a range of UTC days, the outcome and the
// kind of entry. A GET form (next/form: a client-side navigation with JavaScript, a plain GET
// without), so a filtered log can be shared as a link and Back returns to the previous filters;
// it carries the list's own state along in hidden fields (the text filter, sort and size; the
// page starts over).
import Form from "next/form";
import { Field } from "@/components/forms/fields";
import { SelectField } from "@/components/forms/select-field";
import { FilterActions, OptionsWithAny } from "@/components/forms/filter-actions";
import type { ListParams } from "@/components/data-table/search-params";
import { AUDIT_KIND_LABELS, AUDIT_KINDS, AUDIT_OUTCOME_LABELS, AUDIT_OUTCOMES } from "@/lib/domains/audit-log/client-safe";
import type { AuditLogFilterParams } from "@/lib/domains/audit-log/schemas";

export function LogFilters({ filters, params }: { filters: Omit<AuditLogFilterParams, "filter">; params: ListParams }) {
  const active = filters.fromDay !== "" || filters.toDay !== "" || filters.outcome !== undefined || filters.kind !== undefined;
  return (
    // Keyed by the filters, so a navigation that changes them (Clear, the back button) resets the
    // inputs, which are uncontrolled and would otherwise keep what was last chosen.
    <Form key={[filters.fromDay, filters.toDay, filters.outcome, filters.kind].join("|")} action="/logs" scroll={false} className="mb-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Filter the log" data-testid="log-filters">
      {params.q ? <input type="hidden" name="q" value={params.q} /> : null}
      <input type="hidden" name="sort" value={params.sort} />
      <input type="hidden" name="dir" value={params.dir} />
      {params.size !== 20 ? <input type="hidden" name="size" value={params.size} /> : null}
      <div className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Field label="From (UTC day)" name="from" type="date" defaultValue={filters.fromDay} error={filters.errors.from} />
        <Field label="To (UTC day, included)" name="to" type="date" defaultValue={filters.toDay} error={filters.errors.to} />
        <SelectField label="Outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
          <OptionsWithAny any="Any outcome" values={AUDIT_OUTCOMES} labels={AUDIT_OUTCOME_LABELS} />
        </SelectField>
        <SelectField label="Entries" name="kind" defaultValue={filters.kind ?? ""}>
          <OptionsWithAny any="All entries" values={AUDIT_KINDS} labels={AUDIT_KIND_LABELS} />
        </SelectField>
        <FilterActions active={active} clearHref="/logs" className="self-end" />
      </div>
    </Form>
  );
}
