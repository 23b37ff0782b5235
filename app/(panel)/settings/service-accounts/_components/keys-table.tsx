"use client";
import { useMemo, useState } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/page";
import { formatUtc } from "@/lib/core/format";
import type { RoleOption } from "@/lib/domains/subusers/role-options";
import { RowActions } from "./row-actions";
import { CreateKeyDialog, DeleteKeyDialog, EditKeyDialog } from "./key-dialogs";

export type KeyRow = {
  id: string;
  name: string;
  description: string;
  roles: string[];
  /** The subuser that created it; null for the account owner. */
  createdBy: string | null;
  /** ISO timestamp. */
  createdAt: string;
};

export type DialogState = { kind: "create" } | { kind: "edit"; row: KeyRow } | { kind: "delete"; row: KeyRow } | null;

/** `roleOptions`: every role; `grantable`: the ones this principal may put on a key (never more than its own). */
export function KeysTable({ rows, roleOptions, grantable }: { rows: KeyRow[]; roleOptions: RoleOption[]; grantable: string[] }) {
  const [dialog, setDialog] = useState<DialogState>(null);
  const close = () => setDialog(null);

  const columns = useMemo<DataTableColumn<KeyRow>[]>(
    () => [
      {
        accessorKey: "name",
        header: "Name",
        cell: ({ row }) => (
          <div>
            <span className="font-medium text-slate-900" data-key-name={row.original.name}>
              {row.original.name}
            </span>
            <code className="block text-xs text-slate-500" data-key-id={row.original.id}>
              {row.original.id}
            </code>
          </div>
        ),
      },
      {
        id: "roles",
        header: "Roles",
        accessorFn: (r) => r.roles.join(", "),
        cell: ({ row }) =>
          row.original.roles.length > 0 ? (
            <div className="flex flex-wrap gap-1">
              {row.original.roles.map((r) => (
                <Badge key={r} tone="blue">
                  {r}
                </Badge>
              ))}
            </div>
          ) : (
            <span className="text-slate-400">No roles</span>
          ),
      },
      {
        accessorKey: "description",
        header: "Description",
        cell: ({ row }) =>
          row.original.description ? (
            <span className="line-clamp-2 max-w-xs text-slate-600">{row.original.description}</span>
          ) : (
            <span className="text-slate-400">—</span>
          ),
      },
      {
        id: "createdBy",
        header: "Created by",
        accessorFn: (r) => r.createdBy ?? "Account owner",
        cell: ({ row }) => <span className="text-slate-600">{row.original.createdBy ?? "Account owner"}</span>,
      },
      {
        accessorKey: "createdAt",
        header: "Created",
        enableGlobalFilter: false,
        cell: ({ row }) => (
          <time dateTime={row.original.createdAt} className="whitespace-nowrap text-slate-600">
            {formatUtc(row.original.createdAt)}
          </time>
        ),
      },
      {
        id: "actions",
        header: "",
        enableSorting: false,
        meta: { label: "Actions", className: "w-12 text-right" },
        cell: ({ row }) => <RowActions row={row.original} onOpen={setDialog} />,
      },
    ],
    [],
  );

  return (
    <>
      <DataTable
        columns={columns}
        data={rows}
        getRowId={(r) => r.id}
        filterLabel="Filter service accounts"
        filterPlaceholder="Name, role, description…"
        caption="Service accounts"
        initialSort={{ id: "createdAt", desc: true }}
        emptyMessage="No service accounts yet. Create one to call the Management API."
        toolbarActions={
          <Button data-action="service_accounts" onClick={() => setDialog({ kind: "create" })}>
            <Plus className="size-4" aria-hidden />
            Create service account
          </Button>
        }
      />
      {dialog?.kind === "create" ? <CreateKeyDialog onClose={close} roleOptions={roleOptions.filter((o) => grantable.includes(o.role))} /> : null}
      {dialog?.kind === "edit" ? (
        // Roles the key already holds stay listed (they may be removed) even where this principal could not grant them.
        <EditKeyDialog
          row={dialog.row}
          onClose={close}
          roleOptions={roleOptions.filter((o) => grantable.includes(o.role) || dialog.row.roles.includes(o.role))}
        />
      ) : null}
      {dialog?.kind === "delete" ? <DeleteKeyDialog row={dialog.row} onClose={close} /> : null}
    </>
  );
}
