"use client";
// A call list's detail: its progress (refreshing while it runs) and its rows, page by page, each
// with its status, attempts, last result and cost, by status; from a row's menu, a row still
// waiting to be called can be cancelled, and one whose calls are over called again; shown by
// status, all the failed or cancelled rows can be called again at once.
import { useMemo } from "react";
import Link from "next/link";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { Field } from "@/components/forms/fields";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { countOf } from "@/lib/core/format";
import { callRowsAgainAction, cancelCallListRowsAction, editCallListRowAction } from "../../actions";
import { useAutoRefresh } from "@/components/ui/auto-refresh";
import { Badge } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { MAX_ATTEMPTS, ROW_STATUS_LABELS, type RowStatus } from "@/lib/domains/call-lists/client-safe";
import { Progress, StatusBadge, startLabel, type CallListRow } from "../../_components/columns";
import { POLL_MS } from "../../_components/call-lists-view";

export type ListRowView = {
  id: number;
  position: number;
  destination: string;
  fields: string;
  status: RowStatus;
  /** Calls made so far. */
  attempts: number;
  /** The calls it may have in all: the list's attempts, or its own once called again. */
  attemptsAllowed: number;
  /**
   * A waiting row of a running or queued list: when it is next called (ISO string), or "due" when
   * that time has come (the scheduler calls it at its next pass, within seconds); null: not waiting.
   */
  nextCall: { at: string } | "due" | null;
  result: string;
  reason: string;
  /** What the last attempt's scenario reported (CallList.reportResult or reportError), null for nothing. */
  report: string | null;
  cost: string;
  /** ISO string, or null before the first attempt. */
  lastAttemptAt: string | null;
  /** The last attempt's call session page, or null: no attempt yet, or a viewer without the application's call history. */
  lastCallHref: Route | null;
};

const TONES: Record<RowStatus, "slate" | "green" | "red" | "blue" | "amber"> = { pending: "slate", in_progress: "blue", succeeded: "green", failed: "red", cancelled: "amber" };

const columns: DataTableColumn<ListRowView>[] = [
  { accessorKey: "position", header: "#", enableSorting: false },
  { accessorKey: "destination", header: "Number", enableSorting: false, cell: ({ row }) => <span className="font-mono">{row.original.destination}</span> },
  { accessorKey: "fields", header: "Fields", enableSorting: false, cell: ({ row }) => <span className="line-clamp-2 max-w-40 min-w-28 break-words text-slate-600" title={row.original.fields}>{row.original.fields}</span> },
  { id: "status", header: "Status", enableSorting: false, cell: ({ row }) => <Badge tone={TONES[row.original.status]}>{ROW_STATUS_LABELS[row.original.status]}</Badge> },
  { id: "attempts", header: "Attempts", enableSorting: false, cell: ({ row }) => <RowAttempts row={row.original} /> },
  { id: "result", header: "Result", enableSorting: false, cell: ({ row }) => <RowResult row={row.original} /> },
  { accessorKey: "cost", header: "Cost", enableSorting: false },
  { id: "last", header: "Last attempt", enableSorting: false, cell: ({ row }) => <LastAttempt row={row.original} /> },
];

/** "1 of 3" (calls made of those it may have), and for a waiting row the time of its next call. */
function RowAttempts({ row }: { row: ListRowView }) {
  return (
    <span className="flex flex-col items-start gap-0.5" data-testid="row-attempts">
      <span className="whitespace-nowrap">
        {row.attempts} of {row.attemptsAllowed}
      </span>
      {row.nextCall ? <span className="text-xs text-slate-600">Next: {row.nextCall === "due" ? "now" : <DateTime value={row.nextCall.at} />}</span> : null}
    </span>
  );
}

/** Why the row's last call ended, and what its scenario reported (CallList.reportResult / reportError). */
function RowResult({ row }: { row: ListRowView }) {
  return (
    <span className="block max-w-56 text-sm">
      {row.reason || "—"}
      {row.report !== null ? (
        <span className="mt-0.5 block line-clamp-2 break-words font-mono text-xs text-slate-600" title={row.report} data-testid="row-report">
          Report: {row.report}
        </span>
      ) : null}
    </span>
  );
}

/** When the row was last called, with a link to that call's session where the viewer may open it. */
function LastAttempt({ row }: { row: ListRowView }) {
  if (!row.lastAttemptAt) return "—";
  return (
    <span className="flex flex-col items-start gap-0.5 whitespace-nowrap">
      <DateTime value={row.lastAttemptAt} />
      {row.lastCallHref ? (
        <Link href={row.lastCallHref} className="text-sm font-medium text-brand-700 hover:underline" data-testid="last-call" aria-label={`View call to ${row.destination} (row ${row.position})`}>
          View call
        </Link>
      ) : null}
    </span>
  );
}

/** "Cancel row": the row will never be called (CancelCallListTask); refused with why when it is being called by then. */
function CancelRowDialog({ listId, row, onClose, returnFocusTo }: { listId: number; row: ListRowView; onClose: () => void; returnFocusTo?: HTMLElement | null }) {
  const toast = useToast();
  const router = useRouter();
  const form = useActionForm(cancelCallListRowsAction, {
    toInput: () => ({ listId, rowIds: [row.id] }),
    onSuccess: (d) => {
      const refused = d.notCancelled[0];
      if (refused) toast(`Row ${row.position} was not cancelled: ${refused.why}`, "error");
      else toast(`Row ${row.position} cancelled: ${row.destination} will not be called`);
      onClose();
      router.refresh();
    },
  });
  return (
    <ConfirmDialog title={`Cancel row ${row.position}?`} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Cancel row" dismissLabel="Keep row">
      <p className="text-sm text-slate-700">
        <span className="font-mono">{row.destination}</span> will not be called by this list{row.attempts > 0 ? ` (it was called ${row.attempts} time${row.attempts === 1 ? "" : "s"} already)` : ""}, unless you call it again from its menu.
      </p>
    </ConfirmDialog>
  );
}

/** "Call again": a row whose calls are over waits again, with its attempts and, if given, the time of its next call (EditCallListTask). */
function CallAgainDialog({ listId, row, onClose, returnFocusTo }: { listId: number; row: ListRowView; onClose: () => void; returnFocusTo?: HTMLElement | null }) {
  const toast = useToast();
  const router = useRouter();
  const form = useActionForm(editCallListRowAction, {
    fields: ["attemptsLeft", "startAt"],
    toInput: (f) => ({ listId, rowId: row.id, attemptsLeft: attemptsOf(f), startAt: formText(f, "startAt") || undefined }),
    onSuccess: () => {
      toast(`Row ${row.position} will be called again: ${row.destination}`);
      onClose();
      router.refresh();
    },
  });
  return (
    <FormDialog
      title={`Call row ${row.position} again`}
      description={`${row.destination} waits to be called again; a completed list runs again for it.`}
      form={form}
      submitLabel="Call again"
      onClose={onClose}
      returnFocusTo={returnFocusTo}
    >
      <CallAgainFields errors={form.fieldErrors} />
    </FormDialog>
  );
}

/** The attempts from now and the optional UTC time of the next call: "Call again" for one row or for every failed or cancelled one. */
function CallAgainFields({ errors: e }: { errors: Partial<Record<string, string>> }) {
  return (
    <div className="space-y-4">
      <Field label="Attempts" name="attemptsLeft" type="number" inputMode="numeric" min={1} max={MAX_ATTEMPTS} step={1} defaultValue="1" error={e.attemptsLeft} hint={`1 to ${MAX_ATTEMPTS}, the list's interval apart.`} />
      <Field label="Next call at (UTC)" name="startAt" placeholder="YYYY-MM-DD HH:mm" autoComplete="off" spellCheck={false} error={e.startAt} hint="Empty: as soon as the list can call." />
    </div>
  );
}

/** An emptied Attempts is refused (NaN), not read as "the attempts it has". */
const attemptsOf = (f: FormData) => (formText(f, "attemptsLeft") === "" ? Number.NaN : Number(formText(f, "attemptsLeft")));

/** "Call all failed rows again": every row of the list that is `status` (failed or cancelled) waits again. */
function CallRowsAgainDialog({ listId, status, count, onClose, returnFocusTo }: { listId: number; status: "failed" | "cancelled"; count: number; onClose: () => void; returnFocusTo?: HTMLElement | null }) {
  const toast = useToast();
  const router = useRouter();
  const form = useActionForm(callRowsAgainAction, {
    fields: ["attemptsLeft", "startAt", "status"],
    toInput: (f) => ({ listId, status, attemptsLeft: attemptsOf(f), startAt: formText(f, "startAt") || undefined }),
    onSuccess: (d) => {
      toast(`${countOf(d.rows, "row")} will be called again`);
      onClose();
      router.refresh();
    },
  });
  return (
    <FormDialog
      title={`Call the ${status} rows again`}
      description={`${countOf(count, `${status} row`)} ${count === 1 ? "waits" : "wait"} to be called again; a completed list runs again for ${count === 1 ? "it" : "them"}.`}
      form={form}
      submitLabel="Call again"
      onClose={onClose}
      returnFocusTo={returnFocusTo}
    >
      {form.fieldErrors.status ? (
        <p role="alert" className="mb-3 text-sm text-red-700" data-field-error="status">
          {form.fieldErrors.status}
        </p>
      ) : null}
      <CallAgainFields errors={form.fieldErrors} />
    </FormDialog>
  );
}

type RowDialog = { kind: "cancel" | "again"; row: ListRowView } | { kind: "again-all"; status: "failed" | "cancelled"; count: number };

/**
 * `filter`: the rows-by-status links, shown above the table; `shown`: the status they show and how
 * many of the list's rows have it (the download follows it), undefined for all rows.
 */
export function ListDetailView({
  list,
  rows,
  total,
  params,
  shown,
  filter,
}: {
  list: CallListRow;
  rows: ListRowView[];
  total: number;
  params: ListParams;
  shown?: { status: RowStatus; count: number };
  filter?: React.ReactNode;
}) {
  useAutoRefresh(POLL_MS, list.status === "queued" || list.status === "in_progress");
  const dialog = useDialog<RowDialog>();
  const { open } = dialog;
  // A waiting row can be cancelled; one whose calls are over called again (not in a cancelled list).
  const listOpen = list.status !== "cancelled";
  const withActions = useMemo<DataTableColumn<ListRowView>[]>(
    () => [
      ...columns,
      actionsColumn(({ row: { original: row } }) =>
        row.status === "pending" ? (
          <RowMenu label={`Actions for row ${row.position}`}>
            <MenuItem danger onSelect={(o) => open({ kind: "cancel", row }, o)}>
              Cancel row
            </MenuItem>
          </RowMenu>
        ) : row.status !== "in_progress" && listOpen ? (
          <RowMenu label={`Actions for row ${row.position}`}>
            <MenuItem onSelect={(o) => open({ kind: "again", row }, o)}>Call again…</MenuItem>
          </RowMenu>
        ) : null,
      ) satisfies DataTableColumn<ListRowView>,
    ],
    [open, listOpen],
  );
  // Shown with the failed or cancelled rows: all of them (whatever the number filter shows) called again at once.
  const status = shown?.status;
  const againAll = listOpen && shown && (shown.status === "failed" || shown.status === "cancelled") && shown.count > 0 ? { kind: "again-all" as const, status: shown.status, count: shown.count } : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 p-4" data-list-status={list.status}>
        <StatusBadge status={list.status} />
        <Progress row={list} />
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
          <div>
            <dt className="inline text-slate-600">Rule: </dt>
            <dd className="inline">{list.ruleName}</dd>
          </div>
          <div>
            <dt className="inline text-slate-600">{list.status === "completed" || list.status === "cancelled" ? "Cost: " : "Cost so far: "}</dt>
            <dd className="inline">{list.cost}</dd>
          </div>
          <div>
            <dt className="inline text-slate-600">Calls at once: </dt>
            <dd className="inline">{list.maxSimultaneous}</dd>
          </div>
          <div>
            <dt className="inline text-slate-600">Attempts: </dt>
            <dd className="inline">
              {list.numAttempts}, {list.intervalSeconds} s apart
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-600">{startLabel(list)}: </dt>
            <dd className="inline">
              <DateTime value={list.startAt} exact />
            </dd>
          </div>
        </dl>
        <a href={status ? `${list.resultsHref}?status=${status}` : list.resultsHref} className="ml-auto text-sm font-medium text-brand-700 hover:underline" download data-testid="download-results">
          {status ? `Download ${ROW_STATUS_LABELS[status].toLowerCase()} rows (CSV)` : "Download results (CSV)"}
        </a>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        {filter}
        {againAll ? (
          <Button variant="secondary" onClick={(e) => open(againAll, e.currentTarget)}>
            {againAll.count === 1 ? `Call the ${againAll.status} row again…` : `Call all ${againAll.count} ${againAll.status} rows again…`}
          </Button>
        ) : null}
      </div>
      <DataTable
        mode="server"
        params={params}
        rowCount={total}
        columns={withActions}
        data={rows}
        getRowId={(r) => String(r.id)}
        filterLabel="Filter by number"
        filterPlaceholder="Number starts with…"
        caption={`Rows of ${list.name}`}
        emptyMessage="No rows match."
      />
      {dialog.state?.kind === "cancel" ? <CancelRowDialog listId={list.id} row={dialog.state.row} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
      {dialog.state?.kind === "again" ? <CallAgainDialog listId={list.id} row={dialog.state.row} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
      {dialog.state?.kind === "again-all" ? (
        <CallRowsAgainDialog listId={list.id} status={dialog.state.status} count={dialog.state.count} onClose={dialog.close} returnFocusTo={dialog.opener} />
      ) : null}
    </div>
  );
}
