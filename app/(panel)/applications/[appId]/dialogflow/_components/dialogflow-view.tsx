"use client";
import { useMemo } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/page";
import { AddKeyDialog, DeleteKeyDialog, EditDescriptionDialog, RemoveKeyDialog, UseExistingKeyDialog } from "./dialogs";
import type { DialogflowKeyRow } from "./rows";
import { MAX_DIALOGFLOW_KEYS } from "@/lib/domains/dialogflow/client-safe";

type DialogState = { kind: "add" } | { kind: "existing" } | { kind: "edit" | "remove" | "delete"; row: DialogflowKeyRow };

const columns: DataTableColumn<DialogflowKeyRow>[] = [
  {
    accessorKey: "projectId",
    header: "Project",
    cell: ({ row }) => (
      <div>
        <div className="font-medium">{row.original.projectId}</div>
        {row.original.description ? <div className="text-xs text-slate-600">{row.original.description}</div> : null}
      </div>
    ),
  },
  {
    accessorKey: "clientEmail",
    header: "Service account",
    cell: ({ row }) => (
      <div className="break-all">
        <div className="font-mono text-xs">{row.original.clientEmail}</div>
        <div className="text-xs text-slate-600">
          Key ID <span className="font-mono">{row.original.privateKeyId.slice(0, 12)}</span>
        </div>
      </div>
    ),
  },
  {
    id: "otherApplications",
    accessorFn: (r) => r.otherApplications.join(", "),
    header: "Also used by",
    enableSorting: false,
    cell: ({ row }) => (row.original.otherApplications.length ? row.original.otherApplications.join(", ") : <span className="text-slate-600">—</span>),
  },
  { accessorKey: "createdAt", header: "Added", sortFn: "datetime", enableGlobalFilter: false, cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
];

export function DialogflowView({
  applicationId,
  applicationName,
  rows,
  otherKeys,
  atLimit,
}: {
  applicationId: number;
  applicationName: string;
  rows: DialogflowKeyRow[];
  /** The account's keys this application does not use yet. */
  otherKeys: { id: number; label: string }[];
  /** The account holds as many keys as it may. */
  atLimit: boolean;
}) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const d = dialog.state;
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener };
  const app = { applicationId, applicationName };

  const withActions = useMemo<DataTableColumn<DialogflowKeyRow>[]>(
    () => [
      ...columns,
      actionsColumn(({ row }) => (
        <RowMenu label={`Actions for the key ${row.original.name}`}>
          <MenuItem data-action="application.dialogflow_agents" onSelect={(o) => open({ kind: "edit", row: row.original }, o)}>
            Edit description
          </MenuItem>
          <MenuItem data-action="application.dialogflow_agents" onSelect={(o) => open({ kind: "remove", row: row.original }, o)}>
            Remove from this application
          </MenuItem>
          <MenuItem data-action="application.dialogflow_agents" danger onSelect={(o) => open({ kind: "delete", row: row.original }, o)}>
            Delete key
          </MenuItem>
        </RowMenu>
      )),
    ],
    [open],
  );

  const buttons = (
    <div className="flex flex-wrap items-center gap-2">
      {atLimit ? (
        <p className="text-sm text-slate-700" data-dialogflow-limit="">
          The account holds {MAX_DIALOGFLOW_KEYS} keys, the most it may: delete one to add another.
        </p>
      ) : null}
      {otherKeys.length ? (
        <Button variant="secondary" data-action="application.dialogflow_agents" onClick={(e) => open({ kind: "existing" }, e.currentTarget)}>
          Use an existing key
        </Button>
      ) : null}
      <Button data-action="application.dialogflow_agents" onClick={(e) => open({ kind: "add" }, e.currentTarget)} disabled={atLimit}>
        <Plus aria-hidden className="size-4" />
        Add key
      </Button>
    </div>
  );

  return (
    <>
      {rows.length === 0 ? (
        <EmptyState title="No Dialogflow keys in this application" action={buttons}>
          <p>Add the JSON key of a Google Cloud service account that may use your Dialogflow agent; the application&apos;s scenarios then talk to the agent with it.</p>
        </EmptyState>
      ) : (
        <DataTable
          columns={withActions}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Filter keys"
          filterPlaceholder="Project, email or description"
          caption="Dialogflow keys"
          initialSort={{ id: "projectId" }}
          emptyMessage="No Dialogflow keys in this application."
          toolbarActions={buttons}
        />
      )}
      {d?.kind === "add" ? <AddKeyDialog {...props} {...app} /> : null}
      {d?.kind === "existing" ? <UseExistingKeyDialog {...props} {...app} keys={otherKeys} /> : null}
      {d?.kind === "edit" ? <EditDescriptionDialog {...props} row={d.row} /> : null}
      {d?.kind === "remove" ? <RemoveKeyDialog {...props} {...app} row={d.row} /> : null}
      {d?.kind === "delete" ? <DeleteKeyDialog {...props} row={d.row} /> : null}
    </>
  );
}
