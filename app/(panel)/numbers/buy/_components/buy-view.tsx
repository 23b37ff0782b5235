"use client";
import { useMemo, useState } from "react";
import Link from "next/link";
import type { Route } from "next";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/page";
import { formatMoney } from "@/lib/domains/billing/money";
import { FilterSelect } from "../../_components/filter-bar";
import { useUrlPatch } from "../../_components/use-url-patch";
import { BuyDialog, quote, ReserveDialog, type Money, type BuyPick } from "./buy-dialogs";

export type AvailableRow = BuyPick & {
  number: string;
  regionName: string;
  category: string;
  smsSupported: boolean;
};

type DialogState = "buy" | "reserve";

export function BuyView({
  rows,
  total,
  params,
  countries,
  country,
  regions,
  region,
  category,
  categories,
  money,
  billingHref,
  reservationDays,
  can,
}: {
  rows: AvailableRow[];
  total: number;
  params: ListParams;
  countries: { code: string; name: string; verificationRequired: boolean }[];
  country: string;
  regions: { id: number; name: string; category: string; available: number }[];
  region: string;
  category: string;
  categories: { value: string; label: string }[];
  money: Money;
  billingHref: Route | null;
  reservationDays: number;
  can: { buy: boolean; reserve: boolean };
}) {
  const { set, pending } = useUrlPatch();
  const dialog = useDialog<DialogState>();
  const [selected, setSelected] = useState<Map<number, AvailableRow>>(() => new Map());
  const fmt = (minor: number) => formatMoney(minor, money.currency);
  const selectable = can.buy || can.reserve;
  const toggle = (row: AvailableRow, on: boolean) =>
    setSelected((s) => {
      const next = new Map(s);
      if (on) next.set(row.id, row);
      else next.delete(row.id);
      return next;
    });
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const columns = useMemo<DataTableColumn<AvailableRow>[]>(
    () => [
      ...(selectable
        ? [
            {
              id: "select",
              enableSorting: false,
              meta: { className: "w-10" },
              header: () => (
                <input
                  type="checkbox"
                  aria-label="Select every number on this page"
                  className="size-4 rounded border-slate-400 accent-brand-600"
                  checked={allOnPage}
                  onChange={(e) => rows.forEach((r) => toggle(r, e.target.checked))}
                />
              ),
              cell: ({ row }) => (
                <input
                  type="checkbox"
                  aria-label={`Select ${row.original.display}`}
                  className="size-4 rounded border-slate-400 accent-brand-600"
                  checked={selected.has(row.original.id)}
                  onChange={(e) => toggle(row.original, e.target.checked)}
                />
              ),
            } satisfies DataTableColumn<AvailableRow>,
          ]
        : []),
      {
        accessorKey: "number",
        header: "Number",
        cell: ({ row }) => (
          <span className="whitespace-nowrap font-medium tabular-nums" title={row.original.number} data-number={row.original.number}>
            {row.original.display}
          </span>
        ),
      },
      { accessorKey: "regionName", header: "Region", enableSorting: false },
      { accessorKey: "category", header: "Category", enableSorting: false },
      {
        id: "sms",
        header: "SMS",
        cell: ({ row }) => (row.original.smsSupported ? <Badge tone="blue">SMS</Badge> : <span className="text-slate-600">Voice only</span>),
      },
      { id: "setup", header: "Setup", meta: { className: "text-right whitespace-nowrap tabular-nums" }, cell: ({ row }) => fmt(row.original.setupPriceMinor) },
      { id: "monthly", header: "Monthly", meta: { className: "text-right whitespace-nowrap tabular-nums" }, cell: ({ row }) => fmt(row.original.monthlyPriceMinor) },
    ],
    // fmt depends on the currency only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, selected, allOnPage, selectable, money.currency],
  );

  const picks = [...selected.values()];
  const q = quote(picks, money);
  const current = countries.find((c) => c.code === country);
  const clear = () => setSelected(new Map());
  const common = { onClose: dialog.close, returnFocusTo: dialog.opener };

  return (
    <>
      <div role="group" aria-label="Filters" aria-busy={pending || undefined} className="mb-3 flex flex-wrap items-end gap-3">
        <FilterSelect label="Country" value={country} onChange={(v) => set({ country: v, region: "" })}>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
              {c.verificationRequired ? " (verification required)" : ""}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label="Category" value={category} onChange={(v) => set({ category: v, region: "" })}>
          <option value="">Any category</option>
          {categories.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label="Region" value={region} onChange={(v) => set({ region: v })}>
          <option value="">Any region</option>
          {regions.map((r) => (
            <option key={r.id} value={String(r.id)}>
              {r.name} ({r.category}, {r.available} available)
            </option>
          ))}
        </FilterSelect>
      </div>
      {current?.verificationRequired && !money.verified ? (
        <div className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="verification-notice">
          Numbers in {current.name} can be bought only by a verified account, and this account is not verified yet.{" "}
          {billingHref ? (
            <Link href={billingHref} className="font-medium underline">
              Verify it on the Billing page
            </Link>
          ) : (
            "Someone who holds Billing can verify it."
          )}
        </div>
      ) : null}
      {selectable ? (
        <div role="group" aria-label="Selected numbers" className="mb-3 flex flex-wrap items-center gap-2 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
          <p className="mr-2 text-sm text-slate-700" aria-live="polite" data-testid="selection-count">
            {picks.length === 0 ? "Select numbers to buy or reserve" : `${picks.length} selected · ${fmt(q.totalMinor)} now, then ${fmt(picks.reduce((s, p) => s + p.monthlyPriceMinor, 0))} a month`}
          </p>
          {can.buy ? (
            <Button size="sm" disabled={picks.length === 0} data-action="numbers.purchase" onClick={(e) => dialog.open("buy", e.currentTarget)}>
              Buy selected…
            </Button>
          ) : null}
          {can.reserve ? (
            <Button size="sm" variant="secondary" disabled={picks.length === 0} onClick={(e) => dialog.open("reserve", e.currentTarget)}>
              Reserve for {reservationDays} days…
            </Button>
          ) : null}
          {picks.length > 0 ? (
            <Button size="sm" variant="ghost" onClick={clear}>
              Clear selection
            </Button>
          ) : null}
        </div>
      ) : null}
      <DataTable
        mode="server"
        params={params}
        rowCount={total}
        columns={columns}
        data={rows}
        getRowId={(r) => String(r.id)}
        filterLabel="Contains digits"
        filterPlaceholder="e.g. 777"
        caption="Numbers available to buy"
        emptyMessage={`No numbers are available in ${current?.name ?? "this country"} with these filters: try another region or category.`}
      />
      {dialog.state === "buy" ? (
        <BuyDialog {...common} picks={picks} money={money} billingHref={billingHref} listHref={"/numbers" as Route} onDone={clear} />
      ) : null}
      {dialog.state === "reserve" ? <ReserveDialog {...common} picks={picks} days={reservationDays} reservedHref={"/numbers/reserved" as Route} onDone={clear} /> : null}
    </>
  );
}
