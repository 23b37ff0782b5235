// An A2P batch's progress: a bar of delivered, failed and pending messages out of the batch's
// total, exposed as a progressbar (finished of total) whose text says each count.
import type { SmsStatus } from "@/lib/domains/sms/schemas";

export function batchTally(counts: Record<SmsStatus, number>, total: number) {
  const pending = Math.max(0, total - counts.delivered - counts.failed);
  return { delivered: counts.delivered, failed: counts.failed, pending, finished: total - pending };
}

export function BatchProgress({ counts, total, label }: { counts: Record<SmsStatus, number>; total: number; label: string }) {
  const t = batchTally(counts, total);
  const pct = (n: number) => `${total ? (n / total) * 100 : 0}%`;
  const words = `${t.delivered} delivered, ${t.failed} failed, ${t.pending} pending of ${total}`;
  return (
    <div className="min-w-40 space-y-1" data-batch-progress data-delivered={t.delivered} data-failed={t.failed} data-pending={t.pending} data-total={total}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={t.finished}
        aria-valuetext={words}
        className="flex h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-emerald-600 transition-[width]" style={{ width: pct(t.delivered) }} />
        <div className="h-full bg-red-600 transition-[width]" style={{ width: pct(t.failed) }} />
      </div>
      <p className="text-xs tabular-nums text-slate-600">
        <span className="text-emerald-800">{t.delivered} delivered</span> · <span className={t.failed ? "text-red-700" : undefined}>{t.failed} failed</span> ·{" "}
        {t.pending} pending <span className="text-slate-500">of {total}</span>
      </p>
    </div>
  );
}
