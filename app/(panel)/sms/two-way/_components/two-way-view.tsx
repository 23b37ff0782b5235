"use client";
// The two-way page: the composer (from which number, to whom, the text with its live segment
// counter, and what it will cost) and, below it, the recent messages of the account's numbers
// with their status steps; a reply can be answered from its row.
import { useRef, useState } from "react";
import { ArrowDownLeft, ArrowUpRight, Reply } from "lucide-react";
import { Field, FormError } from "@/components/forms/fields";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { useToast } from "@/components/ui/toast";
import { toE164 } from "@/lib/core/phone";
import { formatMoney } from "@/lib/domains/billing/money";
import { countryOfNumber, pricesForDestination } from "@/lib/domains/phone-numbers/destination-prices";
import type { SmsSourceDto } from "@/lib/domains/sms/queries";
import { countSms } from "@/lib/domains/sms/segments";
import { sendSmsAction } from "../actions";
import { SelectField } from "@/components/forms/select-field";
import { SmsTextField } from "../../_components/sms-text-field";
import { SmsText } from "../../_components/sms-text";
import { StatusSteps } from "../../_components/status-steps";
import type { SmsRow } from "../../_components/sms-row";
import { TestDestinations } from "../../_components/test-destinations";

const segmentsText = (n: number) => `${n} ${n === 1 ? "segment" : "segments"}`;

/** What one message of `text` to `destination` costs, in words; null until the destination is a number. */
export function priceLine(destination: string, text: string, currency: string): string | null {
  const e164 = toE164(destination);
  if (!e164) return null;
  const { segments } = countSms(text);
  const per = pricesForDestination(e164).smsOutboundPerSegmentMinor;
  const country = countryOfNumber(e164)?.name ?? "outside the catalogue";
  return `${segmentsText(segments)} × ${formatMoney(per, currency)} (${country}) = ${formatMoney(segments * per, currency)}`;
}

export function TwoWayView({ sources, messages, currency }: { sources: SmsSourceDto[]; messages: SmsRow[]; currency: string }) {
  const toast = useToast();
  const [from, setFrom] = useState(String(sources[0]!.id));
  const [to, setTo] = useState("");
  const [text, setText] = useState("");
  const textBox = useRef<HTMLDivElement>(null);
  // The text sent: cleared once sent, unless a new one has been started meanwhile.
  const submitted = useRef("");
  const form = useActionForm(sendSmsAction, {
    fields: ["phoneNumberId", "destination", "text"],
    toInput: (f) => {
      submitted.current = formText(f, "text");
      return { phoneNumberId: Number(formText(f, "phoneNumberId")) || undefined, destination: formText(f, "destination"), text: submitted.current };
    },
    onSuccess: (r) => {
      toast(`SMS sent to ${r.destination}: ${segmentsText(r.segments)}, ${formatMoney(r.costMinor, currency)}`);
      setText((t) => (t === submitted.current ? "" : t));
    },
  });
  const price = priceLine(to, text, currency);
  const numberLabel = (s: SmsSourceDto) => (s.label ? `${s.number} (${s.label})` : s.number);
  const byNumber = new Map(sources.map((s) => [s.number, s]));

  const replyTo = (m: SmsRow) => {
    const line = byNumber.get(m.destination);
    if (line) setFrom(String(line.id));
    setTo(m.source);
    textBox.current?.querySelector("textarea")?.focus();
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
      <Card className="h-fit">
        <h2 className="mb-4 text-base font-semibold text-slate-900">New message</h2>
        <form {...form.formProps} className="space-y-4" aria-label="New message">
          <SelectField label="From" name="phoneNumberId" value={from} onChange={(e) => setFrom(e.target.value)} error={form.fieldErrors.phoneNumberId}>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {numberLabel(s)}
              </option>
            ))}
          </SelectField>
          <Field
            label="To"
            name="destination"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder="+447700900123"
            hint="International format: + then the country code and number."
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={form.fieldErrors.destination}
            required
          />
          <div ref={textBox}>
            <SmsTextField value={text} onChange={setText} error={form.fieldErrors.text} />
          </div>
          <p className="text-sm text-slate-700" data-sms-price>
            <span className="font-medium">Price: </span>
            {price ?? <span className="text-slate-600">enter the destination to see it</span>}
          </p>
          <FormError message={form.formError} />
          <div className="flex items-center justify-between gap-3">
            <TestDestinations replies />
            <SubmitButton pending={form.pending} pendingLabel="Sending…" className="shrink-0">
              Send
            </SubmitButton>
          </div>
        </form>
      </Card>
      <section aria-labelledby="recent-heading" className="min-w-0">
        <h2 id="recent-heading" className="mb-3 text-base font-semibold text-slate-900">
          Recent messages
        </h2>
        {messages.length === 0 ? (
          <EmptyState title="No messages yet">
            <p>Messages you send, and the replies to them, appear here with their delivery status.</p>
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200" aria-label="Recent messages" data-testid="recent-messages">
            {messages.map((m) => (
              <li key={m.id} className="space-y-1.5 px-4 py-3" data-sms-id={m.id} data-sms-direction={m.direction}>
                <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <p className="flex min-w-0 items-center gap-1.5 text-slate-800">
                    {m.direction === "out" ? (
                      <>
                        <ArrowUpRight aria-hidden className="size-4 shrink-0 text-slate-500" />
                        <span>
                          To <span className="font-medium tabular-nums">{m.destination}</span>
                          <span className="text-slate-600"> from {m.source}</span>
                        </span>
                      </>
                    ) : (
                      <>
                        <ArrowDownLeft aria-hidden className="size-4 shrink-0 text-brand-700" />
                        <span>
                          Reply from <span className="font-medium tabular-nums">{m.source}</span>
                          <span className="text-slate-600"> to {m.destination}</span>
                        </span>
                      </>
                    )}
                  </p>
                  <DateTime value={m.createdAt} className="whitespace-nowrap text-xs text-slate-600" />
                </div>
                <p className="text-sm text-slate-900">
                  <SmsText text={m.text} hidden={m.textHidden} />
                </p>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <StatusSteps status={m.status} error={m.errorMessage || undefined} />
                  <span className="flex items-center gap-3 text-xs text-slate-600">
                    {m.errorMessage ? <span className="text-red-700">{m.errorMessage}</span> : null}
                    <span>
                      {segmentsText(m.segments)} · {formatMoney(m.costMinor, currency)}
                    </span>
                    {m.direction === "in" ? (
                      <Button variant="ghost" size="sm" onClick={() => replyTo(m)}>
                        <Reply aria-hidden className="size-4" />
                        Reply<span className="sr-only"> to {m.source}</span>
                      </Button>
                    ) : null}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
