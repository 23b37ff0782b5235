"use client";
// The running sessions, refreshed every 2 seconds while the tab is visible (useAutoRefresh: paused
// when hidden, refreshed at once when it shows again), each with its elapsed time and
// "End session" behind a confirmation that says what ending it costs.
import { useEffect, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { useAutoRefresh } from "@/components/ui/auto-refresh";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { useToast } from "@/components/ui/toast";
import { routes } from "@/lib/routes";
import { terminateSessionAction } from "../actions";

export type ActiveRow = {
  id: number;
  applicationName: string;
  direction: "inbound" | "outbound";
  from: string;
  to: string;
  ruleName: string;
  startedAt: string;
  plannedEndAt: string;
  /** The caller leg's price per minute, formatted; null when free. */
  perMinute: string | null;
};

function useNow(ms = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

const elapsed = (from: string, now: number) => {
  const s = Math.max(0, Math.floor((now - Date.parse(from)) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

function EndSessionDialog({ row, onClose, returnFocusTo }: { row: ActiveRow; onClose: () => void; returnFocusTo: HTMLElement | null }) {
  const toast = useToast();
  const router = useRouter();
  const form = useActionForm(terminateSessionAction, {
    fields: [],
    toInput: () => ({ sessionId: row.id }),
    onSuccess: () => {
      toast(`Session ${row.id} ended`);
      onClose();
      router.refresh();
    },
  });
  return (
    <ConfirmDialog
      title={`End session ${row.id}?`}
      description={`The call ${row.from} → ${row.to || "(no call)"} is cut now. It is charged for the talk so far${row.perMinute ? `, at ${row.perMinute} a started minute` : ""}; its recordings keep what was recorded until now.`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="End session"
      data-testid="end-session-form"
    />
  );
}

export function ActiveSessions({ rows, total }: { rows: ActiveRow[]; total: number }) {
  useAutoRefresh();
  const now = useNow();
  const dialog = useDialog<ActiveRow>();
  if (rows.length === 0) {
    return (
      <EmptyState title="No sessions are running">
        Sessions start when a scenario runs for a call: place a test call, or call one of the account&apos;s numbers. Finished sessions are in All calls.
      </EmptyState>
    );
  }
  return (
    <div>
      <p className="mb-2 text-sm text-slate-700" role="status" aria-live="polite">
        {total === 1 ? "1 session running" : `${total} sessions running`}
        {total > rows.length ? ` (the newest ${rows.length} shown)` : ""}
      </p>
      <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 bg-white text-sm">
          <caption className="sr-only">Running sessions</caption>
          <thead className="bg-slate-50 text-left text-xs font-medium text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">Session</th>
              <th scope="col" className="px-3 py-2">Application</th>
              <th scope="col" className="px-3 py-2">From</th>
              <th scope="col" className="px-3 py-2">To</th>
              <th scope="col" className="px-3 py-2">Rule</th>
              <th scope="col" className="px-3 py-2">Started</th>
              <th scope="col" className="px-3 py-2">Elapsed</th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id} data-testid="active-session" data-session-id={r.id}>
                <td className="px-3 py-2">
                  <Link href={routes.callSession(r.id)} className="font-medium text-brand-700 hover:underline">
                    {r.id}
                  </Link>
                </td>
                <td className="px-3 py-2">{r.applicationName}</td>
                <td className="px-3 py-2 font-mono text-xs">{r.from}</td>
                <td className="px-3 py-2 font-mono text-xs">{r.to || "—"}</td>
                <td className="px-3 py-2">{r.ruleName}</td>
                <td className="px-3 py-2">
                  <DateTime value={r.startedAt} />
                </td>
                <td className="px-3 py-2 tabular-nums">{elapsed(r.startedAt, now)}</td>
                <td className="px-3 py-2 text-right">
                  <Button variant="secondary" size="sm" onClick={(e) => dialog.open(r, e.currentTarget)} aria-label={`End session ${r.id}`}>
                    End session
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {dialog.state ? <EndSessionDialog row={dialog.state} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
    </div>
  );
}
