"use client";
// Settings > Webhooks: the webhook form (URL, events, on or off), its signing secret with Rotate,
// Send test event and Remove, and the latest deliveries (refreshed while any is pending).
import { Send } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { CheckboxField, Field, FormError } from "@/components/forms/fields";
import { ConfirmDialog } from "@/components/forms/form-dialog";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { useMemo } from "react";
import { useAutoRefresh } from "@/components/ui/auto-refresh";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Badge, Card, EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import {
  WEBHOOK_DELIVERY_STATUS_LABELS,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENTS,
  WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_URL_MAX,
  type WebhookDeliveryStatus,
  type WebhookEvent,
} from "@/lib/domains/webhooks/client-safe";
import { deleteWebhookAction, redeliverWebhookAction, rotateWebhookSecretAction, saveWebhookAction, sendTestWebhookAction } from "../actions";

export type WebhookRow = { url: string; secret: string; events: WebhookEvent[]; active: boolean };
/** One delivery as the page shows it (dates as ISO strings). */
export type DeliveryRow = { id: number; event: string; status: WebhookDeliveryStatus; attempts: number; outcome: string; nextAttemptAt: string | null; createdAt: string };

const TONES: Record<WebhookDeliveryStatus, "amber" | "green" | "red"> = { pending: "amber", delivered: "green", failed: "red" };
const eventLabel = (e: string) => (e in WEBHOOK_EVENT_LABELS ? WEBHOOK_EVENT_LABELS[e as WebhookEvent] : e);

const columns: DataTableColumn<DeliveryRow>[] = [
  { accessorKey: "createdAt", header: "Raised", sortFn: "datetime", enableGlobalFilter: false, cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
  { id: "event", accessorFn: (r) => eventLabel(r.event), header: "Event" },
  {
    id: "status",
    accessorFn: (r) => WEBHOOK_DELIVERY_STATUS_LABELS[r.status],
    header: "Status",
    cell: ({ row }) => <Badge tone={TONES[row.original.status]}>{WEBHOOK_DELIVERY_STATUS_LABELS[row.original.status]}</Badge>,
  },
  { accessorKey: "attempts", header: "Attempts", enableGlobalFilter: false, cell: ({ row }) => (row.original.status === "pending" ? `${row.original.attempts} of ${WEBHOOK_MAX_ATTEMPTS}` : String(row.original.attempts)) },
  {
    accessorKey: "outcome",
    header: "Last answer",
    cell: ({ row }) => (
      <span>
        {row.original.outcome || <span className="text-slate-600">—</span>}
        {row.original.nextAttemptAt ? (
          <span className="block text-xs text-slate-600">
            Next attempt <DateTime value={row.original.nextAttemptAt} />
          </span>
        ) : null}
      </span>
    ),
  },
];

type DialogState = "rotate" | "remove" | { redeliver: DeliveryRow };

export function WebhookView({ webhook, deliveries }: { webhook: WebhookRow | null; deliveries: DeliveryRow[] }) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener };
  useAutoRefresh(undefined, deliveries.some((d) => d.status === "pending"));
  const canRedeliver = webhook?.active ?? false;
  const withActions = useMemo<DataTableColumn<DeliveryRow>[]>(
    () => [
      ...columns,
      actionsColumn(({ row }) =>
        row.original.status === "failed" && canRedeliver ? (
          <RowMenu label={`Actions for delivery ${row.original.id}`}>
            <MenuItem data-action="webhooks" onSelect={(o) => open({ redeliver: row.original }, o)}>
              Redeliver
            </MenuItem>
          </RowMenu>
        ) : null,
      ),
    ],
    [open, canRedeliver],
  );
  const d = dialog.state;
  return (
    <div className="space-y-6">
      <WebhookForm webhook={webhook} />
      {webhook ? (
        <Card className="max-w-3xl space-y-3" data-webhook-secret="">
          <h2 className="text-base font-semibold text-slate-900">Signing secret</h2>
          <p className="text-sm text-slate-700">
            Each delivery carries <code>X-Switchboard-Timestamp</code> (Unix seconds) and <code>X-Switchboard-Signature: sha256=</code> followed by the hex HMAC-SHA256 of the
            timestamp, a dot and the body, keyed with this secret. Check it, and refuse old timestamps, before trusting a delivery.
          </p>
          <label className="block space-y-1">
            <span className="sr-only">Signing secret</span>
            <input
              readOnly
              value={webhook.secret}
              spellCheck={false}
              onFocus={(e) => e.currentTarget.select()}
              className="w-full rounded-md border-0 bg-slate-100 px-3 py-2 font-mono text-sm text-slate-900"
            />
          </label>
          <div className="flex flex-wrap gap-2">
            <TestButton disabled={!webhook.active} />
            <Button variant="secondary" data-action="webhooks" onClick={(e) => dialog.open("rotate", e.currentTarget)}>
              Rotate secret
            </Button>
            <Button variant="danger" data-action="webhooks" onClick={(e) => dialog.open("remove", e.currentTarget)}>
              Remove webhook
            </Button>
          </div>
        </Card>
      ) : null}
      <section aria-labelledby="webhook-deliveries" className="space-y-3">
        <h2 id="webhook-deliveries" className="text-base font-semibold text-slate-900">
          Deliveries
        </h2>
        {deliveries.length === 0 ? (
          <EmptyState title="No deliveries yet">
            <p>Events the webhook receives are listed here with the answer your server gave: the latest 50 of them.</p>
          </EmptyState>
        ) : (
          <DataTable
            columns={withActions}
            data={deliveries}
            getRowId={(r) => String(r.id)}
            filterLabel="Filter deliveries"
            filterPlaceholder="Event, status or answer"
            caption="Webhook deliveries"
            initialSort={{ id: "createdAt", desc: true }}
            emptyMessage="No deliveries."
          />
        )}
      </section>
      {d === "rotate" ? <RotateDialog {...props} /> : null}
      {d === "remove" && webhook ? <RemoveDialog {...props} url={webhook.url} /> : null}
      {typeof d === "object" && d !== null && webhook ? <RedeliverDialog {...props} row={d.redeliver} url={webhook.url} /> : null}
    </div>
  );
}

function WebhookForm({ webhook }: { webhook: WebhookRow | null }) {
  const toast = useToast();
  const form = useActionForm(saveWebhookAction, {
    fields: ["url", "events", "active"],
    toInput: (f) => ({ url: formText(f, "url"), events: f.getAll("events").map(String), active: f.get("active") === "on" }),
    onSuccess: (r) => toast(r.active ? `Webhook saved: ${r.events} event${r.events === 1 ? "" : "s"} go to ${r.url}` : "Webhook saved, off: nothing is sent"),
  });
  return (
    <Card className="max-w-3xl">
      <form {...form.formProps} className="space-y-5" data-testid="webhook-form" data-action="webhooks">
        <Field
          label="URL"
          name="url"
          type="url"
          required
          maxLength={WEBHOOK_URL_MAX}
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.com/switchboard"
          defaultValue={webhook?.url ?? ""}
          error={form.fieldErrors.url}
          hint="The platform POSTs a JSON body here: { event, account_id, created_at, data }. A 2xx answer within 5 seconds delivers it; anything else is retried for about 15 minutes."
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">Events</legend>
          {WEBHOOK_EVENTS.map((e) => (
            <CheckboxField key={e} label={WEBHOOK_EVENT_LABELS[e]} name="events" value={e} defaultChecked={webhook ? webhook.events.includes(e) : true} />
          ))}
          {form.fieldErrors.events ? <p className="text-sm text-red-700">{form.fieldErrors.events}</p> : null}
        </fieldset>
        <CheckboxField label="Send events to this URL" name="active" defaultChecked={webhook?.active ?? true} description="Unchecked, the webhook is off: events are not sent, nor kept to send later." />
        <FormError message={form.formError ?? form.fieldErrors.active} />
        <SubmitButton pending={form.pending}>{webhook ? "Save webhook" : "Add webhook"}</SubmitButton>
      </form>
    </Card>
  );
}

function TestButton({ disabled }: { disabled: boolean }) {
  const toast = useToast();
  const form = useActionForm(sendTestWebhookAction, {
    fields: [],
    toInput: () => ({}),
    onSuccess: () => toast("Test event queued: it is delivered within a few seconds"),
  });
  return (
    <form {...form.formProps} data-action="webhooks">
      <SubmitButton pending={form.pending} variant="secondary" disabled={disabled} aria-describedby={disabled ? "webhook-off" : undefined}>
        <Send aria-hidden className="size-4" />
        Send test event
      </SubmitButton>
      {disabled ? (
        <p id="webhook-off" className="mt-1 text-xs text-slate-600">
          The webhook is off: turn it on and save to send events.
        </p>
      ) : null}
      <FormError message={form.formError ?? Object.values(form.fieldErrors)[0]} />
    </form>
  );
}

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };

function RotateDialog(props: DialogProps) {
  const toast = useToast();
  const form = useActionForm(rotateWebhookSecretAction, {
    fields: [],
    toInput: () => ({}),
    onSuccess: () => {
      toast("New signing secret made");
      props.onClose();
    },
  });
  return (
    <ConfirmDialog
      title="Rotate the signing secret?"
      description="Deliveries are signed with the new secret at once, pending ones included: your server must check them with it from now on."
      form={form}
      submitLabel="Rotate secret"
      data-action="webhooks"
      {...props}
    />
  );
}

function RemoveDialog({ url, ...props }: DialogProps & { url: string }) {
  const toast = useToast();
  const form = useActionForm(deleteWebhookAction, {
    fields: [],
    toInput: () => ({}),
    onSuccess: (r) => {
      toast(r.discarded ? `Webhook removed; ${r.discarded} pending deliver${r.discarded === 1 ? "y" : "ies"} discarded` : "Webhook removed");
      props.onClose();
    },
  });
  return <ConfirmDialog title="Remove the webhook?" description={`Events are no longer sent to ${url}, and deliveries still pending are discarded. Deliveries already made stay listed.`} form={form} submitLabel="Remove webhook" data-action="webhooks" {...props} />;
}

function RedeliverDialog({ row, url, ...props }: DialogProps & { row: DeliveryRow; url: string }) {
  const toast = useToast();
  const form = useActionForm(redeliverWebhookAction, {
    fields: [],
    toInput: () => ({ deliveryId: String(row.id) }),
    onSuccess: () => {
      toast("Queued again: it is delivered within a few seconds");
      props.onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Redeliver “${eventLabel(row.event)}”?`}
      description={`The same event and body are sent to ${url} again, as a new delivery signed with the current secret. The failed one stays listed.`}
      form={form}
      submitLabel="Redeliver"
      danger={false}
      data-action="webhooks"
      {...props}
    />
  );
}
