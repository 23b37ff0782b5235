"use client";
import { useMemo } from "react";
import type { Route } from "next";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { ConfirmDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { useToast } from "@/components/ui/toast";
import { formatMoney } from "@/lib/domains/billing/money";
import { BuyDialog, type BuyPick, type Money } from "../../buy/_components/buy-dialogs";
import { letGoReservationAction } from "../actions";

export type ReservedRow = BuyPick & { number: string; regionName: string; category: string; reservedUntil: string };

type DialogState = { kind: "buy" | "let-go"; row: ReservedRow };

function LetGoDialog({ row, onClose, returnFocusTo }: { row: ReservedRow; onClose: () => void; returnFocusTo: HTMLElement | null }) {
  const toast = useToast();
  const form = useActionForm(letGoReservationAction, {
    fields: [],
    toInput: () => ({ numberId: row.id }),
    onSuccess: () => {
      toast(`${row.display} let go`);
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Let ${row.display} go?`}
      description="The reservation ends now and the number goes back to the catalogue, where anyone may buy it. Nothing was charged for it."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Let it go"
    />
  );
}

/**
 * The reservations, or `empty` when there are none. Its dialogs stay mounted when the last row
 * goes (bought or let go), so their outcome (toast, the way to My numbers) still happens.
 */
export function ReservedTable({ rows, money, canBuy, billingHref, empty }: { rows: ReservedRow[]; money: Money; canBuy: boolean; billingHref: Route | null; empty: React.ReactNode }) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const columns = useMemo<DataTableColumn<ReservedRow>[]>(
    () => [
      {
        accessorKey: "number",
        header: "Number",
        cell: ({ row }) => (
          <span className="whitespace-nowrap font-medium tabular-nums" title={row.original.number} data-number={row.original.number}>
            {row.original.display}
          </span>
        ),
      },
      { accessorKey: "regionName", header: "Country / region", cell: ({ row }) => `${row.original.countryName} · ${row.original.regionName}` },
      { accessorKey: "category", header: "Category" },
      {
        id: "price",
        header: "Buying costs",
        meta: { className: "whitespace-nowrap tabular-nums" },
        cell: ({ row }) => `${formatMoney(row.original.setupPriceMinor + row.original.monthlyPriceMinor, money.currency)} now, then ${formatMoney(row.original.monthlyPriceMinor, money.currency)} a month`,
      },
      { accessorKey: "reservedUntil", header: "Reserved until", sortFn: "datetime", cell: ({ row }) => <DateTime value={row.original.reservedUntil} /> },
      actionsColumn(({ row }) => (
        <span className="flex justify-end gap-2">
          {canBuy ? (
            <Button size="sm" data-action="numbers.purchase" aria-label={`Buy ${row.original.display}`} onClick={(e) => open({ kind: "buy", row: row.original }, e.currentTarget)}>
              Buy…
            </Button>
          ) : null}
          <Button size="sm" variant="secondary" aria-label={`Let ${row.original.display} go`} onClick={(e) => open({ kind: "let-go", row: row.original }, e.currentTarget)}>
            Let go…
          </Button>
        </span>
      ), "text-right"),
    ],
    [canBuy, money.currency, open],
  );
  const d = dialog.state;
  const common = { onClose: dialog.close, returnFocusTo: dialog.opener };
  return (
    <>
      {rows.length === 0 ? (
        empty
      ) : (
        <DataTable
          columns={columns}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Filter reserved numbers"
          initialSort={{ id: "reservedUntil" }}
          caption="Reserved numbers"
          emptyMessage="No numbers are reserved."
        />
      )}
      {d?.kind === "buy" ? <BuyDialog {...common} picks={[d.row]} money={money} billingHref={billingHref} listHref={"/numbers" as Route} onDone={() => {}} /> : null}
      {d?.kind === "let-go" ? <LetGoDialog {...common} row={d.row} /> : null}
    </>
  );
}
