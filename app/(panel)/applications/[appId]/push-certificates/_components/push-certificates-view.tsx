"use client";
import { useMemo } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { Badge, EmptyState } from "@/components/ui/page";
import { MAX_PUSH_CREDENTIALS } from "@/lib/domains/push-credentials/client-safe";
import { AddCredentialDialog, DeleteCredentialDialog, RemoveCredentialDialog, ReplaceCredentialDialog, UseExistingCredentialDialog } from "./dialogs";
import { expiresSoon, type PushCredentialRow } from "./rows";

type DialogState = { kind: "add" } | { kind: "existing" } | { kind: "replace" | "remove" | "delete"; row: PushCredentialRow };

function Expiry({ row }: { row: PushCredentialRow }) {
  if (!row.expiresAt || row.daysLeft === null) return <span className="text-slate-600">—</span>;
  return (
    <div className="space-y-1">
      <DateTime value={row.expiresAt} />
      {row.daysLeft < 0 ? (
        <div>
          <Badge tone="red">Expired: replace it</Badge>
        </div>
      ) : expiresSoon(row) ? (
        <div>
          <Badge tone="amber">{row.daysLeft === 0 ? "Expires today" : `Expires in ${row.daysLeft} day${row.daysLeft === 1 ? "" : "s"}`}</Badge>
        </div>
      ) : null}
    </div>
  );
}

const columns: DataTableColumn<PushCredentialRow>[] = [
  {
    // The environment filters with the provider ("sandbox", "production").
    id: "provider",
    accessorFn: (r) => `${r.providerLabel} ${r.environment ?? ""}`,
    header: "Provider",
    cell: ({ row }) => (
      <div>
        <div className="font-medium">{row.original.providerLabel}</div>
        {row.original.environment ? <div className="text-xs text-slate-600">{row.original.environment}</div> : null}
      </div>
    ),
  },
  {
    accessorKey: "bundle",
    header: "Bundle or package",
    cell: ({ row }) => (row.original.bundle ? <span className="font-mono text-xs break-all">{row.original.bundle}</span> : <span className="text-slate-600">Any app</span>),
  },
  {
    accessorKey: "detail",
    header: "Details",
    enableSorting: false,
    cell: ({ row }) => (
      <div className="text-xs break-words">
        <div>{row.original.detail}</div>
        {row.original.senderId ? <div className="text-slate-600">Sender ID {row.original.senderId}</div> : null}
      </div>
    ),
  },
  { accessorKey: "expiresAt", header: "Expires", sortFn: "datetime", enableGlobalFilter: false, cell: ({ row }) => <Expiry row={row.original} /> },
  {
    id: "otherApplications",
    accessorFn: (r) => r.otherApplications.join(", "),
    header: "Also used by",
    enableSorting: false,
    cell: ({ row }) => (row.original.otherApplications.length ? row.original.otherApplications.join(", ") : <span className="text-slate-600">—</span>),
  },
  { accessorKey: "createdAt", header: "Added", sortFn: "datetime", enableGlobalFilter: false, cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
];

export function PushCertificatesView({
  applicationId,
  applicationName,
  rows,
  otherCredentials,
  atLimit,
}: {
  applicationId: number;
  applicationName: string;
  rows: PushCredentialRow[];
  /** The account's credentials this application does not use yet. */
  otherCredentials: { id: number; label: string }[];
  /** The account holds as many credentials as it may. */
  atLimit: boolean;
}) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const d = dialog.state;
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener };
  const app = { applicationId, applicationName };

  const withActions = useMemo<DataTableColumn<PushCredentialRow>[]>(
    () => [
      ...columns,
      actionsColumn(({ row }) => (
        <RowMenu label={`Actions for ${row.original.name}`}>
          <MenuItem data-action="application.push_certificates" onSelect={(o) => open({ kind: "replace", row: row.original }, o)}>
            {row.original.environment ? "Replace certificate or environment" : "Replace credentials"}
          </MenuItem>
          <MenuItem data-action="application.push_certificates" onSelect={(o) => open({ kind: "remove", row: row.original }, o)}>
            Remove from this application
          </MenuItem>
          <MenuItem data-action="application.push_certificates" danger onSelect={(o) => open({ kind: "delete", row: row.original }, o)}>
            Delete credential
          </MenuItem>
        </RowMenu>
      )),
    ],
    [open],
  );

  const buttons = (
    <div className="flex flex-wrap items-center gap-2">
      {atLimit ? (
        <p className="text-sm text-slate-700" data-push-limit="">
          The account holds {MAX_PUSH_CREDENTIALS} push credentials, the most it may: delete one to add another.
        </p>
      ) : null}
      {otherCredentials.length ? (
        <Button variant="secondary" data-action="application.push_certificates" onClick={(e) => open({ kind: "existing" }, e.currentTarget)}>
          Use an existing credential
        </Button>
      ) : null}
      <Button data-action="application.push_certificates" onClick={(e) => open({ kind: "add" }, e.currentTarget)} disabled={atLimit}>
        <Plus aria-hidden className="size-4" />
        Add credential
      </Button>
    </div>
  );

  return (
    <>
      {rows.length === 0 ? (
        <EmptyState title="No push certificates in this application" action={buttons}>
          <p>
            Add the Apple push certificate (.p12), the Firebase service account key or the Huawei Push Kit credentials of your mobile app, so that incoming calls wake it even when it is in the
            background.
          </p>
        </EmptyState>
      ) : (
        <DataTable
          columns={withActions}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Filter push credentials"
          filterPlaceholder="Provider, environment, bundle or details"
          caption="Push certificates"
          initialSort={{ id: "provider" }}
          emptyMessage="No push certificates in this application."
          toolbarActions={buttons}
        />
      )}
      {d?.kind === "add" ? <AddCredentialDialog {...props} {...app} /> : null}
      {d?.kind === "existing" ? <UseExistingCredentialDialog {...props} {...app} credentials={otherCredentials} /> : null}
      {d?.kind === "replace" ? <ReplaceCredentialDialog {...props} row={d.row} /> : null}
      {d?.kind === "remove" ? <RemoveCredentialDialog {...props} {...app} row={d.row} /> : null}
      {d?.kind === "delete" ? <DeleteCredentialDialog {...props} row={d.row} /> : null}
    </>
  );
}
