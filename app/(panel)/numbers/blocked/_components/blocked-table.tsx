"use client";
import { useMemo } from "react";
import Link from "next/link";
import type { Route } from "next";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { ConfirmDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Badge, EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { formatMoney } from "@/lib/domains/billing/money";
import { restoreNumberAction } from "../actions";

export type BlockedRow = {
  id: number;
  number: string;
  display: string;
  where: string;
  reason: "unpaid" | "verification";
  /** ISO strings. */
  blockedAt: string | null;
  releaseAt: string | null;
  rentMinor: number;
  rent: string;
};

type Money = { currency: string; verified: boolean; funds: { balanceMinor: number; creditLimitMinor: number } | null };

function RestoreDialog({ row, money, billingHref, onClose, returnFocusTo }: { row: BlockedRow; money: Money; billingHref: Route | null; onClose: () => void; returnFocusTo: HTMLElement | null }) {
  const toast = useToast();
  const form = useActionForm(restoreNumberAction, {
    fields: [],
    toInput: () => ({ numberId: row.id }),
    onSuccess: (r) => {
      toast(`${row.display} restored; ${formatMoney(r.chargedMinor, money.currency)} charged`);
      onClose();
    },
  });
  const after = money.funds ? money.funds.balanceMinor - row.rentMinor : null;
  const short = money.funds !== null && after! < -money.funds.creditLimitMinor;
  return (
    <ConfirmDialog
      title={`Restore ${row.display}?`}
      description={`A month's rent, ${row.rent}, is charged now and the number is active again until its next renewal in a month.`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel={`Pay ${row.rent} and restore`}
      danger={false}
    >
      {money.funds ? (
        <p className="text-sm text-slate-700">
          Balance now {formatMoney(money.funds.balanceMinor, money.currency)}, after {formatMoney(after!, money.currency)}.
        </p>
      ) : null}
      {short ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          The balance cannot cover the rent.{" "}
          {billingHref ? (
            <Link href={billingHref} className="font-medium underline">
              Top up on Billing
            </Link>
          ) : null}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}

export function BlockedTable({ rows, money, billingHref }: { rows: BlockedRow[]; money: Money; billingHref: Route | null }) {
  const dialog = useDialog<BlockedRow>();
  const { open } = dialog;
  const columns = useMemo<DataTableColumn<BlockedRow>[]>(
    () => [
      {
        accessorKey: "number",
        header: "Number",
        cell: ({ row }) => (
          <span className="whitespace-nowrap font-medium tabular-nums" title={row.original.number} data-number={row.original.number}>
            {row.original.display}
            <span className="block text-xs font-normal text-slate-600">{row.original.where}</span>
          </span>
        ),
      },
      {
        accessorKey: "reason",
        header: "Reason",
        cell: ({ row }) => (row.original.reason === "verification" ? <Badge tone="amber">Account not verified</Badge> : <Badge tone="red">Unpaid rent</Badge>),
      },
      { accessorKey: "blockedAt", header: "Blocked since", sortFn: "datetime", cell: ({ row }) => (row.original.blockedAt ? <DateTime value={row.original.blockedAt} /> : "—") },
      {
        accessorKey: "releaseAt",
        header: "Released on",
        sortFn: "datetime",
        cell: ({ row }) => (row.original.releaseAt ? <DateTime value={row.original.releaseAt} /> : "—"),
      },
      { accessorKey: "rent", header: "Monthly rent", enableSorting: false, meta: { className: "text-right tabular-nums" } },
      actionsColumn(({ row }) =>
        row.original.reason === "verification" && !money.verified ? (
          <span className="text-xs text-slate-700">
            Verify the account first
            {billingHref ? (
              <>
                {" "}
                on{" "}
                <Link href={billingHref} className="font-medium text-brand-700 underline">
                  Billing
                </Link>
              </>
            ) : null}
            , then restore it.
          </span>
        ) : (
          <Button size="sm" aria-label={`Restore ${row.original.display}`} onClick={(e) => open(row.original, e.currentTarget)}>
            Restore…
          </Button>
        ), "text-right"),
    ],
    [billingHref, money.verified, open],
  );
  // The dialog stays mounted when the last row goes (restored), so its toast still appears.
  return (
    <>
      {rows.length === 0 ? (
        <EmptyState title="No number is blocked">
          <p>A number is blocked when its monthly rent cannot be paid, or when its country needs a verified account and the verification lapses. Blocked numbers stay here until they are restored or released.</p>
        </EmptyState>
      ) : (
        <DataTable columns={columns} data={rows} getRowId={(r) => String(r.id)} filterLabel="Filter blocked numbers" initialSort={{ id: "releaseAt" }} caption="Blocked numbers" emptyMessage="No number is blocked." />
      )}
      {dialog.state ? <RestoreDialog row={dialog.state} money={money} billingHref={billingHref} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
    </>
  );
}
