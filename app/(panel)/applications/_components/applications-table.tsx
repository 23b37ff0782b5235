"use client";
import type { Route } from "next";
import { useMemo } from "react";
import Link from "next/link";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { Button } from "@/components/ui/button";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { useDialog } from "@/components/forms/use-dialog";
import { ApplicationNameDialog, DeleteApplicationDialog } from "./application-dialogs";

export type ApplicationRow = {
  id: number;
  name: string;
  fullName: string;
  userCount: number;
  /** ISO string: plain data across the server/client boundary. */
  createdAt: string;
  /** The first per-application section the actor holds, or null when it holds none. */
  href: Route | null;
};

type DialogState = { kind: "create" } | { kind: "rename"; row: ApplicationRow } | { kind: "delete"; row: ApplicationRow };

export function ApplicationsTable({ rows, canManage, domainSuffix }: { rows: ApplicationRow[]; canManage: boolean; domainSuffix: string }) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const d = dialog.state;
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener };

  const columns = useMemo<DataTableColumn<ApplicationRow>[]>(
    () => [
      {
        accessorKey: "fullName",
        header: "Application",
        cell: ({ row }) => {
          const a = row.original;
          const label = <span className="font-mono text-sm">{a.fullName}</span>;
          return a.href ? (
            <Link href={a.href} className="text-brand-700 hover:underline" data-testid="app-link">
              {label}
            </Link>
          ) : (
            label
          );
        },
      },
      { accessorKey: "userCount", header: "Users", meta: { className: "w-28 text-right tabular-nums" } },
      {
        accessorKey: "createdAt",
        header: "Created",
        enableGlobalFilter: false,
        meta: { className: "w-36" },
        cell: ({ row }) => <DateTime value={row.original.createdAt} />,
      },
      ...(canManage
        ? [
            actionsColumn(({ row }) => (
              <RowMenu label={`Actions for ${row.original.name}`}>
                <MenuItem data-action="applications" onSelect={(o) => open({ kind: "rename", row: row.original }, o)}>
                  Rename
                </MenuItem>
                <MenuItem data-action="applications" danger onSelect={(o) => open({ kind: "delete", row: row.original }, o)}>
                  Delete
                </MenuItem>
              </RowMenu>
            )) satisfies DataTableColumn<ApplicationRow>,
          ]
        : []),
    ],
    [canManage, open],
  );

  const createButton = canManage ? (
    <Button data-action="applications" onClick={(e) => open({ kind: "create" }, e.currentTarget)}>
      <Plus aria-hidden className="size-4" />
      Create application
    </Button>
  ) : null;

  return (
    <>
      {rows.length === 0 ? (
        <EmptyState title="No applications yet" action={createButton}>
          <p>An application holds the users, scenarios and rules of one service.</p>
        </EmptyState>
      ) : (
        <DataTable
          columns={columns}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Filter applications"
          filterPlaceholder="Name"
          caption="Applications"
          initialSort={{ id: "fullName" }}
          emptyMessage="No applications yet."
          toolbarActions={createButton}
        />
      )}
      {d?.kind === "create" ? <ApplicationNameDialog {...props} domainSuffix={domainSuffix} /> : null}
      {d?.kind === "rename" ? <ApplicationNameDialog {...props} app={d.row} domainSuffix={domainSuffix} /> : null}
      {d?.kind === "delete" ? <DeleteApplicationDialog {...props} app={d.row} /> : null}
    </>
  );
}
