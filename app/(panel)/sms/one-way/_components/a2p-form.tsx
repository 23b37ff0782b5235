"use client";
// The one-way (A2P) composer: the sender (a sender ID, one of the account's SMS numbers or a
// verified caller ID), the destinations as pasted (checked as typed, by the parser the server
// uses), the text with its live segment counter and the estimated total. "Review and send"
// checks everything with the functions the server's schema is made of (lib/domains/sms/checks.ts:
// no zod in the browser), then asks for confirmation stating the total.
import { countOf } from "@/lib/core/format";
import { useState } from "react";
import { Send } from "lucide-react";
import { Field } from "@/components/forms/fields";
import { ConfirmDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { inputClass } from "@/components/forms/fields";
import { formatMoney } from "@/lib/domains/billing/money";
import { pricesForDestination } from "@/lib/domains/phone-numbers/destination-prices";
import { parseDestinations } from "@/lib/domains/sms/destinations";
import type { A2PSendersDto } from "@/lib/domains/sms/queries";
import { a2pPanelProblems, MAX_A2P_DESTINATIONS } from "@/lib/domains/sms/checks";
import type { A2PPanelInput } from "@/lib/domains/sms/schemas";
import { countSms } from "@/lib/domains/sms/segments";
import { sendA2PAction } from "../actions";
import { SelectField } from "@/components/forms/select-field";
import { SmsTextField } from "../../_components/sms-text-field";
import { TestDestinations } from "../../_components/test-destinations";

const SENDER_ID = "__sender_id__";

/** A bad entry as the hint shows it: its text (the first 24 characters) and its line, since a line may hold several. */
const badEntry = (b: { line: number; value: string }) => `“${b.value.length > 24 ? `${b.value.slice(0, 24)}…` : b.value}” (line ${b.line})`;

/** The estimate: every destination's per-segment price times the message's segments. */
export function estimate(destinations: string[], text: string): { segments: number; totalMinor: number } {
  const { segments } = countSms(text);
  return { segments, totalMinor: destinations.reduce((sum, d) => sum + segments * pricesForDestination(d).smsOutboundPerSegmentMinor, 0) };
}

export function A2PForm({ senders, currency }: { senders: A2PSendersDto; currency: string }) {
  const toast = useToast();
  const [choice, setChoice] = useState(SENDER_ID);
  const [senderId, setSenderId] = useState("");
  const [destinations, setDestinations] = useState("");
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const confirm = useDialog<A2PPanelInput>();

  const list = parseDestinations(destinations);
  const { segments, totalMinor } = estimate(list.numbers, text);
  const sender = choice === SENDER_ID ? senderId : choice;

  const review = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = { sender, destinations, text };
    const problems = a2pPanelProblems(input);
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      return;
    }
    setErrors({});
    confirm.open(input, (e.nativeEvent as SubmitEvent).submitter as HTMLElement | null);
  };

  const listHint =
    list.numbers.length === 0 && list.invalid.length === 0
      ? `One number per line, or separated by commas; at most ${MAX_A2P_DESTINATIONS}.`
      : `${countOf(list.numbers.length, "destination")}${list.duplicates ? ` (${countOf(list.duplicates, "repeat")} sent once)` : ""}${
          list.invalid.length
            ? `; ${list.invalid.length === 1 ? "1 entry is not a phone number" : `${list.invalid.length} entries are not phone numbers`}: ${list.invalid.slice(0, 3).map(badEntry).join(", ")}${list.invalid.length > 3 ? "…" : ""}`
            : ""
        }`;

  return (
    <Card>
      <h2 className="mb-4 text-base font-semibold text-slate-900">New one-way message</h2>
      <form onSubmit={review} noValidate className="space-y-4" aria-label="New one-way message">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Send from" name="senderChoice" value={choice} onChange={(e) => setChoice(e.target.value)} error={choice === SENDER_ID ? undefined : errors.sender}>
            <option value={SENDER_ID}>A sender ID (name)</option>
            {senders.numbers.length ? (
              <optgroup label="The account's numbers with SMS">
                {senders.numbers.map((n) => (
                  <option key={n.id} value={n.number}>
                    {n.label ? `${n.number} (${n.label})` : n.number}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {senders.callerIds.length ? (
              <optgroup label="Verified caller IDs">
                {senders.callerIds.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </SelectField>
          {choice === SENDER_ID ? (
            <Field
              label="Sender ID"
              name="sender"
              value={senderId}
              onChange={(e) => setSenderId(e.target.value)}
              maxLength={11}
              autoComplete="off"
              placeholder="Acme"
              hint="3 to 11 latin letters, digits or spaces, at least one letter: what the handset shows."
              error={errors.sender}
              required
            />
          ) : null}
        </div>
        <DestinationsField value={destinations} onChange={setDestinations} hint={listHint} error={errors.destinations} />
        <SmsTextField value={text} onChange={setText} error={errors.text} />
        <p className="text-sm text-slate-700" data-a2p-estimate>
          <span className="font-medium">Estimated total: </span>
          {list.numbers.length ? (
            <>
              {countOf(list.numbers.length, "destination")} × {countOf(segments, "segment")} = {formatMoney(totalMinor, currency)}
            </>
          ) : (
            <span className="text-slate-600">add destinations to see it</span>
          )}
        </p>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <TestDestinations replies={false} />
          <Button type="submit" className="shrink-0">
            <Send aria-hidden className="size-4" />
            Review and send
          </Button>
        </div>
      </form>
      {confirm.state ? (
        <ConfirmSend
          input={confirm.state}
          count={list.numbers.length}
          segments={segments}
          total={formatMoney(totalMinor, currency)}
          onClose={confirm.close}
          returnFocusTo={confirm.opener}
          onSent={(r) => {
            toast(`Batch #${r.batchId} sent to ${countOf(r.sent, "destination")}, ${formatMoney(r.costMinor, currency)} charged`);
            setDestinations("");
            setText("");
            confirm.close();
          }}
        />
      ) : null}
    </Card>
  );
}

function DestinationsField({ value, onChange, hint, error }: { value: string; onChange: (v: string) => void; hint: string; error?: string }) {
  const id = "a2p-destinations";
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Destinations
      </label>
      <textarea
        id={id}
        name="destinations"
        rows={4}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="e.g. +14155552222, +447700902222"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        className={`${inputClass} font-mono`}
        spellCheck={false}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600" data-destinations-hint>
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700" data-field-error="destinations">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function ConfirmSend({
  input,
  count,
  segments,
  total,
  onClose,
  returnFocusTo,
  onSent,
}: {
  input: A2PPanelInput;
  count: number;
  segments: number;
  total: string;
  onClose: () => void;
  returnFocusTo: HTMLElement | null;
  onSent: (r: { batchId: number; sent: number; costMinor: number }) => void;
}) {
  const form = useActionForm(sendA2PAction, { fields: [], toInput: () => input, onSuccess: onSent });
  return (
    <ConfirmDialog
      title={`Send ${countOf(count, "SMS", "SMS")} for ${total}?`}
      description="Charged now, from the account's balance; a one-way message cannot be recalled."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel={`Send for ${total}`}
      danger={false}
      data-testid="a2p-confirm"
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">From</dt>
        <dd className="font-medium text-slate-900">{input.sender}</dd>
        <dt className="text-slate-600">To</dt>
        <dd className="text-slate-900">{countOf(count, "destination")}</dd>
        <dt className="text-slate-600">Each message</dt>
        <dd className="text-slate-900">{countOf(segments, "segment")}</dd>
        <dt className="text-slate-600">Total</dt>
        <dd className="font-semibold text-slate-900" data-a2p-total>
          {total}
        </dd>
      </dl>
    </ConfirmDialog>
  );
}
