// The call history's filters (besides the table's number-or-username box): a plain GET form, so the filters live in the URL (shareable,
// back-button friendly) and work before hydration. Dates are UTC, as the labels say. Applying
// starts again from the first page; the sort and page size stay.
import type { Route } from "next";
import { inputClass } from "@/components/forms/fields";
import { FilterActions } from "@/components/forms/filter-actions";
import { CALL_DIRECTIONS, CALL_FILTER_PARAMS, CALL_STATUSES, CALL_STATUS_LABELS } from "@/lib/domains/calls/schemas";

type Raw = Record<string, string | string[] | undefined>;
const one = (raw: Raw, k: string) => {
  const v = raw[k];
  return (Array.isArray(v) ? v[0] : v) ?? "";
};

function Labelled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}

/** `problems`: why the filters as given can match nothing (callFilterProblems), shown under the fields. */
export function HistoryFilters({ raw, action, showRule = true, problems = [] }: { raw: Raw; action: Route; showRule?: boolean; problems?: string[] }) {
  const text = (name: string, label: string, placeholder?: string, type = "text") => (
    <Labelled id={`f-${name}`} label={label}>
      <input id={`f-${name}`} name={name} type={type} defaultValue={one(raw, name)} placeholder={placeholder} className={inputClass} min={type === "number" ? 0 : undefined} />
    </Labelled>
  );
  const active = CALL_FILTER_PARAMS.some((k) => one(raw, k) !== "");
  return (
    // Keyed by the filters, so a navigation that changes them (Clear is a client-side link) resets
    // the uncontrolled inputs, which would otherwise keep what was last typed.
    <form key={CALL_FILTER_PARAMS.map((k) => one(raw, k)).join("|")} method="get" action={action} role="search" aria-label="Filter calls" className="mb-4 rounded-lg bg-white p-4 ring-1 ring-slate-200" data-testid="call-filters">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-5">
        {text("from", "Started from (UTC)", undefined, "datetime-local")}
        {text("to", "Started before (UTC)", undefined, "datetime-local")}
        {text("user", "Application user", "username")}
        {showRule ? text("rule", "Rule name", "rule") : null}
        <Labelled id="f-status" label="Status">
          <select id="f-status" name="status" defaultValue={one(raw, "status")} className={inputClass}>
            <option value="">Any status</option>
            {CALL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CALL_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id="f-direction" label="Direction">
          <select id="f-direction" name="direction" defaultValue={one(raw, "direction")} className={inputClass}>
            <option value="">Both directions</option>
            {CALL_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {d === "inbound" ? "Inbound" : "Outbound"}
              </option>
            ))}
          </select>
        </Labelled>
        {text("minDuration", "Min duration (s)", "0", "number")}
        {text("maxDuration", "Max duration (s)", undefined, "number")}
      </div>
      {problems.length ? (
        <ul role="alert" className="mt-3 space-y-1 text-sm text-red-700" data-testid="call-filter-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {/* The number-or-username filter is the table's own search box (it keeps these filters too). */}
      {one(raw, "q") ? <input type="hidden" name="q" value={one(raw, "q")} /> : null}
      {one(raw, "sort") ? <input type="hidden" name="sort" value={one(raw, "sort")} /> : null}
      {one(raw, "dir") ? <input type="hidden" name="dir" value={one(raw, "dir")} /> : null}
      {one(raw, "size") ? <input type="hidden" name="size" value={one(raw, "size")} /> : null}
      <FilterActions active={active} clearHref={action} className="mt-3" />
    </form>
  );
}
