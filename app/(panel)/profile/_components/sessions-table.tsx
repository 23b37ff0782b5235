"use client";
import { useMemo, useTransition } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { formatUtc } from "@/lib/core/format";
import { logoutAction } from "@/app/(auth)/actions";
import { endOtherSessionsAction, endSessionAction } from "../actions";

export type SessionRow = { handle: string; current: boolean; createdAt: string; expiresAt: string; ip: string; userAgent: string };

function EndSession({ row }: { row: SessionRow }) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  if (row.current) {
    return (
      <form action={logoutAction}>
        <Button type="submit" size="sm" variant="secondary">
          Log out
        </Button>
      </form>
    );
  }
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={pending}
      aria-label={`End session started ${formatUtc(row.createdAt)}`}
      onClick={() =>
        startTransition(async () => {
          const r = await endSessionAction({ handle: row.handle });
          toast(r.ok ? "Session ended" : (r.formError ?? Object.values(r.fieldErrors ?? {})[0] ?? "Could not end the session"), r.ok ? "success" : "error");
        })
      }
    >
      End session
    </Button>
  );
}

export function SessionsTable({ rows }: { rows: SessionRow[] }) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const columns = useMemo<DataTableColumn<SessionRow>[]>(
    () => [
      {
        accessorKey: "createdAt",
        header: "Started",
        cell: ({ row }) => (
          <span className="whitespace-nowrap">
            <time dateTime={row.original.createdAt}>{formatUtc(row.original.createdAt)}</time>
            {row.original.current ? (
              <span className="ml-2">
                <Badge tone="green">This session</Badge>
              </span>
            ) : null}
          </span>
        ),
      },
      { accessorKey: "ip", header: "IP", cell: ({ row }) => <span className="font-mono text-xs">{row.original.ip || "—"}</span> },
      {
        accessorKey: "userAgent",
        header: "Browser",
        cell: ({ row }) => (
          <span className="line-clamp-2 max-w-md text-xs text-slate-600" title={row.original.userAgent}>
            {row.original.userAgent || "—"}
          </span>
        ),
      },
      {
        accessorKey: "expiresAt",
        header: "Expires",
        enableGlobalFilter: false,
        cell: ({ row }) => <time dateTime={row.original.expiresAt} className="whitespace-nowrap">{formatUtc(row.original.expiresAt)}</time>,
      },
      { id: "end", header: "", enableSorting: false, meta: { label: "End", className: "w-32 text-right" }, cell: ({ row }) => <EndSession row={row.original} /> },
    ],
    [],
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
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const r = await endOtherSessionsAction({});
                toast(r.ok ? `Ended ${r.data.ended} other session${r.data.ended === 1 ? "" : "s"}` : (r.formError ?? "Could not end the sessions"), r.ok ? "success" : "error");
              })
            }
          >
            End all other sessions
          </Button>
        ) : null
      }
    />
  );
}
