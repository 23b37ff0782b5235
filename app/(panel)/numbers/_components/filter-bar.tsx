"use client";
// /numbers' filters, kept in the URL beside the kit's list state (?app=&country=&sms=&status=), so
// a filtered list can be shared and the CSV export takes the same filter. A change goes back to
// the first page.
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/core/cn";
import { FILTER_KEYS, type NumberFilterValues } from "./list-filter";
import { useUrlPatch } from "./use-url-patch";

const selectClass =
  "block w-full rounded-md border-0 bg-white py-2 pl-3 pr-8 text-sm text-slate-900 ring-1 ring-inset ring-slate-400 focus:ring-2 focus:ring-brand-500";

export function FilterSelect({ label, value, onChange, children }: { label: string; value: string; onChange: (v: string) => void; children: React.ReactNode }) {
  const id = useId();
  return (
    <div className="min-w-36 flex-1 sm:max-w-48">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={selectClass}>
        {children}
      </select>
    </div>
  );
}

export function NumberFilterBar({
  values,
  applications,
  countries,
}: {
  values: NumberFilterValues;
  applications: { id: number; name: string }[];
  countries: { code: string; name: string }[];
}) {
  const { set, pending } = useUrlPatch();
  const active = FILTER_KEYS.some((k) => values[k]);
  return (
    <div role="group" aria-label="Filters" aria-busy={pending || undefined} className={cn("mb-3 flex flex-wrap items-end gap-3", pending && "opacity-70")}>
      <FilterSelect label="Application" value={values.app} onChange={(app) => set({ app })}>
        <option value="">Any application</option>
        <option value="none">Not attached</option>
        {applications.map((a) => (
          <option key={a.id} value={String(a.id)}>
            {a.name}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Country" value={values.country} onChange={(country) => set({ country })}>
        <option value="">Any country</option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="SMS" value={values.sms} onChange={(sms) => set({ sms })}>
        <option value="">Any</option>
        <option value="on">SMS enabled</option>
        <option value="off">SMS not enabled</option>
      </FilterSelect>
      <FilterSelect label="Status" value={values.status} onChange={(status) => set({ status })}>
        <option value="">Any status</option>
        <option value="active">Active</option>
        <option value="blocked">Blocked</option>
      </FilterSelect>
      {active ? (
        <Button variant="ghost" size="sm" onClick={() => set({ app: "", country: "", sms: "", status: "" })}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
