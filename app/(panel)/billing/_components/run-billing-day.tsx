"use client";
import { useState } from "react";
import { CalendarClock } from "lucide-react";
import { ConfirmDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { formatUtc } from "@/lib/core/format";
import { formatMoney } from "@/lib/domains/billing/money";
import { runBillingDayAction } from "../actions";

type Report = { renewed: number; blocked: number; released: number; reservationsLapsed: number; sipRenewed: number; sipDeactivated: number; chargedMinor: number; asOf: string };

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The demo's "Run billing day": a confirmation saying what it does, the button's pending state
 * while the renewals run, then their report (renewed, blocked, released, charged).
 */
export function RunBillingDay({ currency }: { currency: string }) {
  const dialog = useDialog<"confirm" | "report">();
  const [report, setReport] = useState<Report | null>(null);
  const toast = useToast();
  const form = useActionForm(runBillingDayAction, {
    fields: [],
    toInput: () => ({}),
    onSuccess: (r) => {
      setReport(r);
      const sip = r.sipRenewed || r.sipDeactivated ? `; ${count(r.sipRenewed, "SIP registration")} renewed, ${r.sipDeactivated} deactivated` : "";
      toast(`Billing day run: ${count(r.renewed, "number")} renewed, ${r.blocked} blocked, ${r.released} released${sip}`);
      dialog.open("report", dialog.opener);
    },
  });
  return (
    <>
      <Button variant="secondary" onClick={(e) => dialog.open("confirm", e.currentTarget)} data-testid="run-billing-day">
        <CalendarClock aria-hidden className="size-4" />
        Run billing day
      </Button>
      {dialog.state === "confirm" ? (
        <ConfirmDialog
          title="Run billing day?"
          description="A demo of the monthly renewal run, brought forward to the next date one of the account's numbers or SIP registrations falls due."
          onClose={dialog.close}
          returnFocusTo={dialog.opener}
          form={form}
          submitLabel="Run billing day"
          danger={false}
          data-testid="run-billing-day-confirm"
        >
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>Each number due for renewal pays its monthly rent from the balance.</li>
            <li>A number whose rent the balance cannot cover is blocked, and released after its grace period.</li>
            <li>Numbers without auto-renew, and blocked ones past their grace period, are released.</li>
            <li>Each SIP registration due pays its month; one the balance cannot cover is deactivated.</li>
          </ul>
          {form.pending ? (
            <p role="status" className="text-sm text-slate-600">
              Running the renewals…
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
      {dialog.state === "report" && report ? (
        <Dialog
          onOpenChange={(o) => !o && dialog.close()}
          title="Billing day done"
          description={`As of ${formatUtc(report.asOf)}.`}
          returnFocusTo={dialog.opener}
          footer={
            <Button onClick={dialog.close} data-autofocus="">
              Done
            </Button>
          }
          data-testid="billing-day-report"
        >
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 px-5 py-4 text-sm sm:px-6">
            <dt className="text-slate-600">Renewed</dt>
            <dd className="font-medium tabular-nums" data-report="renewed">{count(report.renewed, "number")}</dd>
            <dt className="text-slate-600">Blocked (rent unpaid)</dt>
            <dd className="font-medium tabular-nums" data-report="blocked">{count(report.blocked, "number")}</dd>
            <dt className="text-slate-600">Released</dt>
            <dd className="font-medium tabular-nums" data-report="released">{count(report.released, "number")}</dd>
            <dt className="text-slate-600">Lapsed reservations</dt>
            <dd className="font-medium tabular-nums">{report.reservationsLapsed}</dd>
            {report.sipRenewed + report.sipDeactivated > 0 ? (
              <>
                <dt className="text-slate-600">SIP registrations renewed</dt>
                <dd className="font-medium tabular-nums" data-report="sip-renewed">{report.sipRenewed}</dd>
                <dt className="text-slate-600">SIP registrations deactivated</dt>
                <dd className="font-medium tabular-nums" data-report="sip-deactivated">{report.sipDeactivated}</dd>
              </>
            ) : null}
            <dt className="text-slate-600">Total charged</dt>
            <dd className="font-medium tabular-nums" data-report="charged">{formatMoney(report.chargedMinor, currency)}</dd>
          </dl>
        </Dialog>
      ) : null}
    </>
  );
}
