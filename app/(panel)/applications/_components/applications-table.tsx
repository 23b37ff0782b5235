"use client";
import type { Route } from "next";
import { useMemo, useState } from "react";
import Link from "next/link";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/page";
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

type DialogState = { kind: "create" } | { kind: "rename"; row: ApplicationRow } | { kind: "delete"; row: ApplicationRow } | null;

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function ApplicationsTable({ rows, canManage }: { rows: ApplicationRow[]; canManage: boolean }) {
  const [dialog, setDialog] = useState<DialogState>(null);
  // The full name's suffix is the same for every application of the account.
  const suffix = rows[0] ? rows[0].fullName.slice(rows[0].name.length) : null;

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
        cell: ({ getValue }) => dateFormat.format(new Date(getValue<string>())),
      },
      ...(canManage
        ? [
            {
              id: "actions",
              header: "",
              meta: { className: "w-12 text-right" },
              cell: ({ row }) => (
                <RowMenu label={`Actions for ${row.original.name}`}>
                  <MenuItem data-action="applications" onSelect={() => setTimeout(() => setDialog({ kind: "rename", row: row.original }), 0)}>
                    Rename
                  </MenuItem>
                  <MenuItem data-action="applications" danger onSelect={() => setTimeout(() => setDialog({ kind: "delete", row: row.original }), 0)}>
                    Delete
                  </MenuItem>
                </RowMenu>
              ),
            } satisfies DataTableColumn<ApplicationRow>,
          ]
        : []),
    ],
    [canManage],
  );

  const createButton = canManage ? (
    <Button data-action="applications" onClick={() => setDialog({ kind: "create" })}>
      <Plus aria-hidden className="size-4" />
      Create application
    </Button>
  ) : null;

  return (
    <>
      {rows.length === 0 ? (
        <EmptyState title="No applications yet">
          <p>An application holds the users, scenarios and rules of one service.</p>
          {createButton ? <div className="mt-4 flex justify-center">{createButton}</div> : null}
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
      {dialog?.kind === "create" ? (
        <ApplicationNameDialog open onOpenChange={(o) => !o && setDialog(null)} domainSuffix={suffix ?? ""} />
      ) : null}
      {dialog?.kind === "rename" ? (
        <ApplicationNameDialog open onOpenChange={(o) => !o && setDialog(null)} app={dialog.row} domainSuffix={suffix ?? ""} />
      ) : null}
      {dialog?.kind === "delete" ? <DeleteApplicationDialog open onOpenChange={(o) => !o && setDialog(null)} app={dialog.row} /> : null}
    </>
  );
}
