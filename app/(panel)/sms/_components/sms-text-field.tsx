"use client";
// The message box of both SMS pages, with the live segment counter: the encoding (GSM-7 or
// UCS-2), characters used and left in the current segment, and segments n of at most 10,
// counted by lib/domains/sms/segments.ts, the function the server charges by. The counter is
// tied to the box by aria-describedby; a polite live region speaks only when the encoding or
// the number of segments changes, not on every keystroke.
import { useId } from "react";
import { inputClass } from "@/components/forms/fields";
import { cn } from "@/lib/core/cn";
import { countSms, MAX_SMS_SEGMENTS, SEGMENT_LIMITS, type SmsCount } from "@/lib/domains/sms/segments";

export const ENCODING_LABEL = { GSM7: "GSM-7", UCS2: "UCS-2" } as const;

export function SmsTextField({
  value,
  onChange,
  error,
  name = "text",
  label = "Message",
}: {
  value: string;
  onChange: (text: string) => void;
  error?: string;
  name?: string;
  label?: string;
}) {
  const id = useId();
  const count = countSms(value);
  const tooLong = count.segments > MAX_SMS_SEGMENTS;
  const describedBy = [`${id}-counter`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={5}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error || tooLong ? true : undefined}
        aria-describedby={describedBy}
        className={inputClass}
      />
      <SegmentCounter id={`${id}-counter`} count={count} tooLong={tooLong} />
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700" data-field-error={name}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function SegmentCounter({ id, count, tooLong }: { id: string; count: SmsCount; tooLong: boolean }) {
  const used = count.perSegment - count.remaining;
  const { single, multi } = SEGMENT_LIMITS[count.encoding];
  return (
    <>
      <p
        id={id}
        className={cn("flex flex-wrap gap-x-3 gap-y-0.5 text-xs tabular-nums", tooLong ? "text-red-700" : "text-slate-600")}
        data-sms-counter
        data-sms-encoding={count.encoding}
        data-sms-segments={count.segments}
      >
        <span title={`${ENCODING_LABEL[count.encoding]}: ${single} characters in one segment, ${multi} per segment of a longer message`}>
          {ENCODING_LABEL[count.encoding]}
        </span>
        <span>
          {used}/{count.perSegment} characters in this segment, {count.remaining} left
        </span>
        <span>
          {tooLong ? `${count.segments} segments: at most ${MAX_SMS_SEGMENTS}` : `segment ${count.segments} of ${MAX_SMS_SEGMENTS} at most`}
        </span>
      </p>
      <p className="sr-only" aria-live="polite">
        {`${ENCODING_LABEL[count.encoding]}, ${count.segments} ${count.segments === 1 ? "segment" : "segments"}`}
      </p>
    </>
  );
}
