"use client";
import { useMemo, useState } from "react";
import Link from "next/link";
import type { Route } from "next";
import { useSearchParams } from "next/navigation";
import { Settings2, ShoppingCart, Trash2 } from "lucide-react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { useDialog } from "@/components/forms/use-dialog";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/page";
import { FILTER_KEYS, type NumberFilterValues } from "./list-filter";
import { numberColumns, priceColumns, settingsHref, type NumberRow } from "./columns";
import { NumberFilterBar } from "./filter-bar";
import { AttachNumberDialog, BulkAttachDialog, BulkConfirmDialog, DeactivateNumberDialog, type BulkKind, type Picked, type Target } from "./number-dialogs";
import { DownloadLink } from "@/components/ui/download-link";

type DialogState = { kind: "attach"; row: NumberRow } | { kind: "deactivate"; row: NumberRow } | { kind: "bulk-attach" } | { kind: "bulk"; action: BulkKind };

export function NumbersView({
  rows,
  total,
  params,
  filters,
  empty,
  applications,
  countries,
  attachTargets,
  buyHref,
  can,
}: {
  rows: NumberRow[];
  total: number;
  params: ListParams;
  filters: NumberFilterValues;
  /** The account holds no number at all (not just none matching the filter). */
  empty: boolean;
  applications: Target[];
  countries: { code: string; name: string }[];
  attachTargets: Target[];
  buyHref: Route | null;
  can: { attach: boolean; deactivate: boolean; bulk: boolean; settings: boolean };
}) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const [selected, setSelected] = useState<Map<number, Picked>>(() => new Map());
  const searchParams = useSearchParams();

  const toggle = (row: Picked, on: boolean) =>
    setSelected((s) => {
      const next = new Map(s);
      if (on) next.set(row.id, { id: row.id, number: row.number, display: row.display });
      else next.delete(row.id);
      return next;
    });
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const columns = useMemo<DataTableColumn<NumberRow>[]>(() => {
    const select: DataTableColumn<NumberRow> = {
      id: "select",
      enableSorting: false,
      meta: { className: "w-10" },
      header: () => (
        <input
          type="checkbox"
          aria-label="Select every number on this page"
          className="size-4 rounded border-slate-400 accent-brand-600"
          checked={allOnPage}
          onChange={(e) => {
            for (const r of rows) toggle(r, e.target.checked);
          }}
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
    };
    const application: DataTableColumn<NumberRow> = {
      id: "application",
      header: "Application",
      enableSorting: false,
      cell: ({ row }) => {
        const r = row.original;
        return (
          <span className="flex items-center gap-2 whitespace-nowrap">
            {r.applicationName ?? <span className="text-slate-600">Not attached</span>}
            {can.attach ? (
              <Button
                variant="ghost"
                size="sm"
                className="h-7 px-2 text-brand-700"
                data-action="numbers.attach"
                aria-label={`${r.applicationName ? "Change or detach the application" : "Attach to an application"}: ${r.display}`}
                onClick={(e) => open({ kind: "attach", row: r }, e.currentTarget)}
              >
                {r.applicationName ? "Change" : "Attach"}
              </Button>
            ) : null}
          </span>
        );
      },
    };
    const actions: DataTableColumn<NumberRow> = actionsColumn(({ row }) => (
      <span className="flex justify-end gap-1">
        {can.settings ? (
          <Link href={settingsHref(row.original.id)} aria-label={`Settings of ${row.original.display}`} title="Settings" className="rounded p-1.5 text-slate-600 hover:bg-slate-100">
            <Settings2 aria-hidden className="size-4" />
          </Link>
        ) : null}
        {can.deactivate ? (
          <button
            type="button"
            data-action="numbers.deactivate"
            aria-label={`Deactivate ${row.original.display}`}
            title="Deactivate"
            className="rounded p-1.5 text-red-700 hover:bg-red-50"
            onClick={(e) => open({ kind: "deactivate", row: row.original }, e.currentTarget)}
          >
            <Trash2 aria-hidden className="size-4" />
          </button>
        ) : null}
      </span>
    ), "w-24 text-right");
    return [
      ...(can.bulk ? [select] : []),
      ...numberColumns({ settingsLinks: can.settings }),
      application,
      ...priceColumns(),
      ...(can.settings || can.deactivate ? [actions] : []),
    ];
  }, [rows, selected, allOnPage, can.attach, can.bulk, can.deactivate, can.settings, open]);

  const buy = buyHref ? (
    <Link href={buyHref} className={buttonClasses("secondary")}>
      <ShoppingCart aria-hidden className="size-4" />
      Buy numbers
    </Link>
  ) : null;

  const exportQuery = new URLSearchParams();
  for (const k of ["q", ...FILTER_KEYS]) {
    const v = searchParams.get(k);
    if (v) exportQuery.set(k, v);
  }
  const exportHref = `/numbers/export${exportQuery.size ? `?${exportQuery}` : ""}`;
  const picked = [...selected.values()];
  const clear = () => setSelected(new Map());
  const d = dialog.state;
  const common = { onClose: dialog.close, returnFocusTo: dialog.opener };
  const filtered = params.q || FILTER_KEYS.some((k) => filters[k]);

  const dialogs = (
    <>
      {d?.kind === "attach" ? <AttachNumberDialog {...common} row={d.row} targets={attachTargets} /> : null}
      {d?.kind === "deactivate" ? <DeactivateNumberDialog {...common} row={d.row} /> : null}
      {d?.kind === "bulk-attach" ? <BulkAttachDialog {...common} picked={picked} targets={attachTargets} onDone={clear} /> : null}
      {d?.kind === "bulk" ? <BulkConfirmDialog {...common} kind={d.action} picked={picked} onDone={clear} /> : null}
    </>
  );

  if (empty) {
    // The dialogs stay mounted when the last number goes, so their toast still appears.
    return (
      <>
        <EmptyState title="The account has no phone numbers yet" action={buy}>
          <p>{buyHref ? "Buy a number to receive calls and SMS, then attach it to an application." : "Numbers appear here once someone with the right to buy them has bought some."}</p>
        </EmptyState>
        {dialogs}
      </>
    );
  }

  return (
    <>
      <NumberFilterBar values={filters} applications={applications} countries={countries} />
      {can.bulk ? (
        <div role="group" aria-label="Bulk actions" className="mb-3 flex flex-wrap items-center gap-2 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
          <p className="mr-2 text-sm text-slate-700" aria-live="polite" data-testid="selection-count">
            {picked.length === 0 ? "Select numbers to act on several at once" : `${picked.length} selected`}
          </p>
          {(
            [
              ["bulk-attach", "Attach to application…"],
              ["detach", "Detach"],
              ["sms-on", "Enable SMS"],
              ["sms-off", "Disable SMS"],
              ["deactivate", "Deactivate…"],
            ] as const
          ).map(([kind, label]) => (
            <Button
              key={kind}
              variant={kind === "deactivate" ? "danger" : "secondary"}
              size="sm"
              disabled={picked.length === 0}
              data-action="numbers.all_actions"
              onClick={(e) => open(kind === "bulk-attach" ? { kind } : { kind: "bulk", action: kind }, e.currentTarget)}
            >
              {label}
            </Button>
          ))}
          {picked.length > 0 ? (
            <Button variant="ghost" size="sm" onClick={clear}>
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
        filterLabel="Search by digits"
        filterPlaceholder="e.g. 777"
        caption="The account's phone numbers"
        emptyMessage={filtered ? "No numbers match these filters." : "No numbers yet."}
        toolbarActions={
          <>
            <DownloadLink href={exportHref}>Export CSV</DownloadLink>
            {buy}
          </>
        }
      />
      {dialogs}
    </>
  );
}
