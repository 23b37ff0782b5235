"use client";
import { useMemo } from "react";
import { useAction } from "@/components/forms/use-action-form";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { formatUtc } from "@/lib/core/format";
import { DateTime } from "@/components/ui/date-time";
import { logoutAction } from "@/app/(auth)/actions";
import { endOtherSessionsAction, endSessionAction } from "../actions";

export type SessionRow = {
  handle: string;
  current: boolean;
  createdAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
  /** The user agent as people say it ("Chrome 131 on Linux", lib/core/user-agent.ts); the raw header is its tooltip. */
  browser: string;
};

type EndAction = { pending: boolean; run: (input: { handle: string }) => void };

// The action lives in the table, not the row: the row goes away with the session it ends, and
// the outcome's toast must still be shown.
function EndSession({ row, end }: { row: SessionRow; end: EndAction }) {
  if (row.current) {
    return (
      <form action={logoutAction}>
        <Button type="submit" size="sm" variant="secondary" className="whitespace-nowrap">
          Log out
        </Button>
      </form>
    );
  }
  return (
    <Button
      size="sm"
      variant="secondary"
      className="whitespace-nowrap"
      disabled={end.pending}
      aria-label={`End session started ${formatUtc(row.createdAt)}`}
      onClick={() => end.run({ handle: row.handle })}
    >
      End session
    </Button>
  );
}

/** The IP, browser and expiry columns: from `sm` up; a phone shows them in the Started cell (PhoneDetails) instead, so the table fits its width. */
const WIDE_ONLY = "hidden sm:table-cell";

/** Below `sm`, what the IP, browser and expiry columns say, stacked under the session's start. */
function PhoneDetails({ row }: { row: SessionRow }) {
  return (
    <span className="mt-1 block space-y-0.5 text-xs text-slate-600 sm:hidden" data-testid="session-phone-details">
      <span className="block text-slate-700" title={row.userAgent || undefined}>
        {row.browser}
      </span>
      <span className="block break-all font-mono">{row.ip || "—"}</span>
      <span className="block">
        Expires <DateTime value={row.expiresAt} />
      </span>
    </span>
  );
}

export function SessionsTable({ rows }: { rows: SessionRow[] }) {
  const toast = useToast();
  const end = useAction(endSessionAction, { onSuccess: () => toast("Session ended"), onError: (m) => toast(m, "error") });
  const endOthers = useAction(endOtherSessionsAction, {
    onSuccess: (r) => toast(`Ended ${r.ended} other session${r.ended === 1 ? "" : "s"}`),
    onError: (m) => toast(m, "error"),
  });
  const columns = useMemo<DataTableColumn<SessionRow>[]>(
    () => [
      {
        accessorKey: "createdAt",
        header: "Started",
        cell: ({ row }) => (
          <>
            <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <DateTime value={row.original.createdAt} />
              {row.original.current ? <Badge tone="green">This session</Badge> : null}
            </span>
            <PhoneDetails row={row.original} />
          </>
        ),
      },
      { accessorKey: "ip", header: "IP", meta: { className: WIDE_ONLY }, cell: ({ row }) => <span className="font-mono text-xs">{row.original.ip || "—"}</span> },
      {
        accessorKey: "browser",
        header: "Browser",
        meta: { className: WIDE_ONLY },
        cell: ({ row }) => (
          <span className="text-xs text-slate-700" title={row.original.userAgent || undefined} data-testid="session-browser">
            {row.original.browser}
          </span>
        ),
      },
      {
        accessorKey: "expiresAt",
        header: "Expires",
        enableGlobalFilter: false,
        meta: { className: WIDE_ONLY },
        cell: ({ row }) => <DateTime value={row.original.expiresAt} />,
      },
      { id: "end", header: "End", enableSorting: false, meta: { label: "End", className: "w-px text-right sm:w-32", srOnlyHeader: true }, cell: ({ row }) => <EndSession row={row.original} end={end} /> },
    ],
    [end],
  );
  const others = rows.filter((r) => !r.current).length;
  return (
    <DataTable
      columns={columns}
      data={rows}
      getRowId={(r) => r.handle}
      filterLabel="Filter sessions"
      filterPlaceholder="IP address, browser…"
      caption="Your active sessions"
      initialSort={{ id: "createdAt", desc: true }}
      emptyMessage="No active sessions."
      toolbarActions={
        others > 0 ? (
          <Button
            variant="secondary"
            disabled={endOthers.pending}
            onClick={() => endOthers.run({})}
          >
            End all other sessions
          </Button>
        ) : null
      }
    />
  );
}
