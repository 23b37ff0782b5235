"use client";
// "Place a test call" and "Simulate inbound call": the simulator's test tools, for holders of an
// application's scenarios or rules. A placed call runs the application's rule (the chosen one,
// or the first matching what is dialled) with the far end behaving as asked; it costs what a real
// call would, which the dialog says. On success the new session's detail opens.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { PhoneIncoming, PhoneOutgoing } from "lucide-react";
import { Field } from "@/components/forms/fields";
import { FormDialog } from "@/components/forms/form-dialog";
import { SelectField } from "@/components/forms/select-field";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { CALL_STATUS_LABELS, type CallStatus } from "@/lib/domains/calls/statuses";
import type { CallToolChoices } from "@/lib/domains/calls/queries";
import { routes } from "@/lib/routes";
import { placeTestCallAction, simulateInboundAction } from "../actions";

type Props = {
  choices: CallToolChoices;
  applicationId?: number;
  /** Where a new session's detail opens: /calls/<id>, or the application's call history. */
  detailIn: "calls" | "application";
};

const detailHref = (props: Props, applicationId: number, sessionId: number) =>
  props.detailIn === "calls" ? routes.callSession(sessionId) : routes.applicationCallSession(applicationId, sessionId);

const seconds = (form: FormData, key: string) => {
  const v = formText(form, key).trim();
  return v === "" ? null : v;
};

const outcome = (status: CallStatus) => (status === "running" ? "Call started" : `Call ended: ${CALL_STATUS_LABELS[status]}`);

function PlaceCallDialog({ onClose, returnFocusTo, ...props }: Props & { onClose: () => void; returnFocusTo: HTMLElement | null }) {
  const { choices, applicationId } = props;
  const toast = useToast();
  const router = useRouter();
  const [appId, setAppId] = useState<number>(applicationId ?? choices.applications[0]?.id ?? 0);
  const [callerKind, setCallerKind] = useState<"number" | "user">("number");
  const [answers, setAnswers] = useState(true);
  const form = useActionForm(placeTestCallAction, {
    fields: ["applicationId", "ruleId", "destination", "callerKind", "callerUser", "callerNumber", "answerAfterSeconds", "dtmf", "hangupAfterSeconds", "customData"],
    toInput: (f) => ({
      applicationId: formText(f, "applicationId"),
      ...(formText(f, "ruleId") ? { ruleId: formText(f, "ruleId") } : {}),
      destination: formText(f, "destination"),
      callerKind: callerKind,
      ...(callerKind === "user" ? { callerUser: formText(f, "callerUser") } : { callerNumber: formText(f, "callerNumber") }),
      answerAfterSeconds: answers ? (seconds(f, "answerAfterSeconds") ?? "2") : null,
      dtmf: formText(f, "dtmf"),
      hangupAfterSeconds: seconds(f, "hangupAfterSeconds"),
      customData: formText(f, "customData"),
    }),
    onSuccess: (r) => {
      // A green "Call ended: Completed" would hide that nobody was called (a scenario that only answers inbound calls).
      toast(r.noCall ? "The scenario ended without placing a call: does it handle outbound calls?" : outcome(r.status));
      onClose();
      router.push(detailHref(props, appId, r.sessionId));
    },
  });
  const e = form.fieldErrors;
  const rules = choices.rules.filter((r) => r.applicationId === appId);
  return (
    <FormDialog
      title="Place a test call"
      description="The application's scenarios run as for a real call, and the call is charged at the catalogue's per-minute price like one. The scenario places the call itself (VoxEngine.callPSTN or callUser): one that only answers incoming calls places none. Its caller ID must be one of the account's numbers or a verified caller ID, or the network refuses the call (403). A number ending in 0000 answers busy."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Place call"
      size="lg"
      data-testid="place-call-form"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Application" name="applicationId" value={appId} onChange={(ev) => setAppId(Number(ev.target.value))} error={e.applicationId}>
          {choices.applications.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Rule" name="ruleId" key={appId} defaultValue="" error={e.ruleId}>
          <option value="">The first rule matching the destination</option>
          {rules.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
        <Field label="Destination" name="destination" placeholder="e.g. +12125550142 or a username" error={e.destination} hint="Whom the scenario calls (its custom data, unless you give some)." />
        <SelectField
          label="Caller"
          name="callerKind"
          value={callerKind}
          onChange={(ev) => setCallerKind(ev.target.value === "user" ? "user" : "number")}
          error={e.callerKind}
          hint={callerKind === "user" ? "One of the application's users calls." : "One of the account's numbers, or a verified caller ID."}
        >
          <option value="number">A phone number</option>
          <option value="user">An application user</option>
        </SelectField>
        {callerKind === "user" ? (
          <Field label="Caller username" name="callerUser" error={e.callerUser} autoComplete="off" />
        ) : (
          // The account's own numbers are offered as callers (a verified caller ID is typed).
          <Field label="Caller number" name="callerNumber" placeholder="e.g. +14155550100" error={e.callerNumber} autoComplete="off" suggestions={choices.numbers.map((n) => ({ value: n.number }))} />
        )}
        <div className="space-y-1">
          <span className="block text-sm font-medium text-slate-700" id="pc-party">
            The called party
          </span>
          <div role="radiogroup" aria-labelledby="pc-party" className="flex gap-4 pt-2 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="answers" checked={answers} onChange={() => setAnswers(true)} /> Answers
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="answers" checked={!answers} onChange={() => setAnswers(false)} /> Never answers
            </label>
          </div>
        </div>
        {answers ? <Field label="Answers after (s)" name="answerAfterSeconds" type="number" min={0} defaultValue="2" error={e.answerAfterSeconds} /> : null}
        <Field label="Hangs up after (s)" name="hangupAfterSeconds" type="number" min={1} placeholder="Waits for the scenario" error={e.hangupAfterSeconds} />
        <Field label="DTMF digits it presses" name="dtmf" placeholder="e.g. 1#" error={e.dtmf} autoComplete="off" />
        <Field label="Custom data" name="customData" error={e.customData} autoComplete="off" />
      </div>
    </FormDialog>
  );
}

/** The inbound dialog's one select names what is called: `number:<id>` or `sip:<id>`. */
function inboundTarget(value: string): { numberId?: string; sipRegistrationId?: string } {
  const [kind, id = ""] = value.split(":");
  return kind === "sip" ? { sipRegistrationId: id } : { numberId: id };
}

function InboundDialog({ onClose, returnFocusTo, ...props }: Props & { onClose: () => void; returnFocusTo: HTMLElement | null }) {
  const { choices } = props;
  const toast = useToast();
  const router = useRouter();
  const numbers = choices.numbers.filter((n) => n.applicationId !== null);
  const registrations = choices.sipRegistrations;
  const appName = (id: number | null) => choices.applications.find((a) => a.id === id)?.name ?? "application";
  // On an application's Call history, its own number or registration comes first to mind.
  const ownNumber = props.applicationId !== undefined ? numbers.find((n) => n.applicationId === props.applicationId) : undefined;
  const ownRegistration = props.applicationId !== undefined ? registrations.find((r) => r.applicationId === props.applicationId) : undefined;
  const ownTarget = ownNumber ? `number:${ownNumber.id}` : ownRegistration ? `sip:${ownRegistration.id}` : undefined;
  const form = useActionForm(simulateInboundAction, {
    fields: ["numberId", "sipRegistrationId", "from", "dtmf", "hangupAfterSeconds", "calledAnswersAfterSeconds", "customData"],
    toInput: (f) => ({
      ...inboundTarget(formText(f, "target")),
      from: formText(f, "from"),
      dtmf: formText(f, "dtmf"),
      hangupAfterSeconds: seconds(f, "hangupAfterSeconds"),
      calledAnswersAfterSeconds: seconds(f, "calledAnswersAfterSeconds"),
      customData: formText(f, "customData"),
    }),
    onSuccess: (r, el) => {
      toast(outcome(r.status));
      onClose();
      const target = inboundTarget(String(el ? (new FormData(el).get("target") ?? "") : ""));
      const applicationId =
        target.sipRegistrationId !== undefined
          ? registrations.find((x) => String(x.id) === target.sipRegistrationId)?.applicationId
          : numbers.find((x) => String(x.id) === target.numberId)?.applicationId;
      router.push(detailHref(props, applicationId ?? 0, r.sessionId));
    },
  });
  const e = form.fieldErrors;
  return (
    <FormDialog
      title="Simulate an inbound call"
      description="A caller dials one of the account's numbers, or calls through one of its SIP registrations: the application's rules answer (a number's caller on the PSTN blacklist is rejected). A call to a number is charged like a real inbound call; one through a SIP registration is free."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Call"
      data-testid="inbound-call-form"
    >
      {numbers.length === 0 && registrations.length === 0 ? (
        <p className="text-sm text-slate-700">
          Nothing of the account takes calls yet: attach a number to an application, or bind a registered SIP registration to one.
        </p>
      ) : (
        <div className="grid gap-4">
          <SelectField label="Number or SIP registration called" name="target" defaultValue={ownTarget} error={e.numberId ?? e.sipRegistrationId}>
            {numbers.length > 0 ? (
              <optgroup label="Numbers">
                {numbers.map((n) => (
                  <option key={n.id} value={`number:${n.id}`}>
                    {n.number} ({appName(n.applicationId)})
                  </option>
                ))}
              </optgroup>
            ) : null}
            {registrations.length > 0 ? (
              <optgroup label="SIP registrations">
                {registrations.map((r) => (
                  <option key={r.id} value={`sip:${r.id}`}>
                    {r.label} ({appName(r.applicationId)})
                  </option>
                ))}
              </optgroup>
            ) : null}
          </SelectField>
          <Field label="Caller's number" name="from" placeholder="e.g. +447700900123" hint="In international format: the number the scenario sees as the caller." error={e.from} autoComplete="off" />
          <Field label="DTMF digits the caller presses" name="dtmf" error={e.dtmf} autoComplete="off" />
          <Field
            label="Caller hangs up after (s)"
            name="hangupAfterSeconds"
            type="number"
            min={1}
            placeholder="Waits for the scenario"
            hint="Empty: the call lasts until the scenario ends it, up to an hour. Set it when the scenario connects the caller to someone (a forward, a queue's agent)."
            error={e.hangupAfterSeconds}
          />
          <Field
            label="Whom the scenario calls answers after (s)"
            name="calledAnswersAfterSeconds"
            type="number"
            min={0}
            defaultValue="0"
            placeholder="Never answers"
            hint="A number or user the scenario forwards to. Empty: it never answers and rings out after 60 s, to try a voicemail path."
            error={e.calledAnswersAfterSeconds}
          />
          <Field label="Custom data" name="customData" error={e.customData} autoComplete="off" />
        </div>
      )}
    </FormDialog>
  );
}

/** The two buttons and their dialogs. */
export function CallTools(props: Props) {
  const dialog = useDialog<"place" | "inbound">();
  if (props.choices.applications.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" onClick={(ev) => dialog.open("inbound", ev.currentTarget)} data-testid="simulate-inbound">
        <PhoneIncoming aria-hidden className="size-4" />
        Simulate inbound call
      </Button>
      <Button onClick={(ev) => dialog.open("place", ev.currentTarget)} data-testid="place-test-call">
        <PhoneOutgoing aria-hidden className="size-4" />
        Place a test call
      </Button>
      {dialog.state === "place" ? <PlaceCallDialog {...props} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
      {dialog.state === "inbound" ? <InboundDialog {...props} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
    </div>
  );
}
