// A message's course as steps: queued, sent, then delivered or failed (received for a reply).
// The steps are an ordered list; the current one is marked aria-current="step", and the list's
// name says the status in words, so a screen reader hears one sentence.
import { Check, X } from "lucide-react";
import { cn } from "@/lib/core/cn";
import type { SmsStatus } from "@/lib/domains/sms/schemas";

export const STATUS_LABEL: Record<SmsStatus, string> = { queued: "Queued", sent: "Sent", delivered: "Delivered", failed: "Failed", received: "Received" };

/** Whether a status is the end of a message's course. */
export const isFinal = (s: SmsStatus) => s === "delivered" || s === "failed" || s === "received";

export function StatusSteps({ status, error }: { status: SmsStatus; error?: string }) {
  if (status === "received") {
    return (
      <span className="inline-flex items-center rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700" data-sms-status="received">
        Received
      </span>
    );
  }
  const last: SmsStatus = status === "failed" ? "failed" : "delivered";
  const steps: SmsStatus[] = ["queued", "sent", last];
  const at = steps.indexOf(status);
  return (
    <ol className="flex flex-wrap items-center gap-1 text-xs" aria-label={`Status: ${STATUS_LABEL[status]}${error ? ` (${error})` : ""}`} data-sms-status={status}>
      {steps.map((s, i) => {
        const done = i < at || (i === at && isFinal(s));
        const current = i === at;
        return (
          <li key={s} className="flex items-center gap-1" aria-current={current ? "step" : undefined}>
            {i > 0 ? <span aria-hidden className={cn("h-px w-3", i <= at ? "bg-slate-500" : "bg-slate-300")} /> : null}
            <span
              className={cn(
                "inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-medium",
                current && s === "failed" ? "bg-red-50 text-red-800" : current && s === "delivered" ? "bg-emerald-50 text-emerald-800" : current ? "bg-amber-50 text-amber-900" : i < at ? "text-slate-700" : "text-slate-500",
              )}
            >
              {done ? s === "failed" ? <X aria-hidden className="size-3" /> : <Check aria-hidden className="size-3" /> : null}
              {STATUS_LABEL[s]}
              {current && !isFinal(s) ? <span className="sr-only"> (now)</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
