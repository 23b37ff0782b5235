"use client";
// The account's support tickets: a table, most recently active first, each subject linking to its
// conversation; "New ticket" opens the dialog, whose success goes to the new ticket's page.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Field, TextAreaField } from "@/components/forms/fields";
import { FormDialog } from "@/components/forms/form-dialog";
import { SelectField } from "@/components/forms/select-field";
import { useDialog } from "@/components/forms/use-dialog";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { routes } from "@/lib/routes";
import { MAX_ACTIVE_TICKETS, MESSAGE_MAX, SUBJECT_MAX, SUPPORT_CATEGORIES, SUPPORT_CATEGORY_LABELS, type SupportCategory, type TicketStatus } from "@/lib/domains/support/client-safe";
import { openTicketAction } from "../actions";
import { TicketStatusBadge } from "./ticket-status";

export type TicketListRow = { id: number; subject: string; category: SupportCategory; status: TicketStatus; openedBy: string; lastMessageAt: Date; messageCount: number };

const columns: DataTableColumn<TicketListRow>[] = [
  {
    accessorKey: "subject",
    header: "Subject",
    cell: ({ row }) => (
      <Link href={routes.supportTicket(row.original.id)} className="font-medium text-brand-700 hover:underline [overflow-wrap:anywhere]">
        {row.original.subject}
      </Link>
    ),
  },
  { id: "category", accessorFn: (r) => SUPPORT_CATEGORY_LABELS[r.category], header: "About" },
  { accessorKey: "status", header: "Status", cell: ({ row }) => <TicketStatusBadge status={row.original.status} /> },
  { accessorKey: "openedBy", header: "Opened by" },
  { accessorKey: "messageCount", header: "Messages", cell: ({ row }) => <span className="tabular-nums">{row.original.messageCount}</span> },
  { accessorKey: "lastMessageAt", header: "Last message", sortFn: "datetime", cell: ({ row }) => <DateTime value={row.original.lastMessageAt} /> },
];

export function TicketsView({ rows, atLimit }: { rows: TicketListRow[]; atLimit: boolean }) {
  const dialog = useDialog<"new">();
  const newButton = (
    <div className="flex flex-wrap items-center gap-2">
      {atLimit ? (
        <p className="text-sm text-slate-700" data-ticket-limit="">
          The account has {MAX_ACTIVE_TICKETS} tickets open, the most it may: close one that is settled to open another.
        </p>
      ) : null}
      <Button onClick={(e) => dialog.open("new", e.currentTarget)} disabled={atLimit} data-action="support.tickets">
        <Plus aria-hidden className="size-4" />
        New ticket
      </Button>
    </div>
  );
  return (
    <>
      {rows.length === 0 ? (
        <EmptyState title="No tickets yet" action={newButton}>
          <p>Ask the support team about the account, numbers, calls, scenarios or billing. Their answers appear here and in Notifications.</p>
        </EmptyState>
      ) : (
        <DataTable
          columns={columns}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Filter tickets"
          filterPlaceholder="Subject, status…"
          caption="Support tickets"
          initialSort={{ id: "lastMessageAt", desc: true }}
          emptyMessage="No tickets match."
          toolbarActions={newButton}
        />
      )}
      {dialog.state === "new" ? <NewTicketDialog onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
    </>
  );
}

function NewTicketDialog({ onClose, returnFocusTo }: { onClose: () => void; returnFocusTo: HTMLElement | null }) {
  const toast = useToast();
  const router = useRouter();
  const form = useActionForm(openTicketAction, {
    fields: ["subject", "category", "message"],
    toInput: (f) => ({ subject: formText(f, "subject"), category: formText(f, "category") as SupportCategory, message: formText(f, "message") }),
    onSuccess: ({ ticketId }) => {
      toast("Ticket opened. The support team's answer will appear on it and in Notifications.");
      router.push(routes.supportTicket(ticketId));
    },
  });
  const e = form.fieldErrors;
  return (
    <FormDialog title="New ticket" description="What you write goes to the support team of this installation." onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Open ticket">
      <Field label="Subject" name="subject" maxLength={SUBJECT_MAX} required error={e.subject} hint="A line that names the problem, e.g. Calls to +44 numbers fail." />
      <SelectField label="About" name="category" defaultValue="calls" error={e.category}>
        {SUPPORT_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {SUPPORT_CATEGORY_LABELS[c]}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Message"
        name="message"
        rows={8}
        maxLength={MESSAGE_MAX}
        required
        error={e.message}
        hint="What happened, when (UTC), and what you expected: numbers, call session ids and application names help."
      />
    </FormDialog>
  );
}
