"use client";
// The Security page's Management API address lists: a table of both lists, Add address, Remove,
// and "Check an address". The lists are enforced on every Management API call of the account's
// keys (lib/api/auth.ts); the panel itself is not restricted by them.
import { useMemo, useState } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { Field } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { SelectField } from "@/components/forms/select-field";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { Badge, EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { AUTHORIZED_IP_DESCRIPTION_MAX, listName, MAX_AUTHORIZED_IPS } from "@/lib/domains/authorized-ips/client-safe";
import { addAuthorizedIpAction, checkAuthorizedIpAction, removeAuthorizedIpAction } from "../actions";

/** One entry as the page shows it (dates as ISO strings). */
export type AuthorizedIpRow = { id: number; network: string; allowed: boolean; description: string; createdAt: string };

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };
type DialogState = { kind: "add" } | { kind: "remove"; row: AuthorizedIpRow };

const listBadge = (allowed: boolean) => (allowed ? <Badge tone="green">Allowed</Badge> : <Badge tone="red">Blocked</Badge>);

const columns: DataTableColumn<AuthorizedIpRow>[] = [
  { accessorKey: "network", header: "Address or network", cell: ({ row }) => <span className="font-mono">{row.original.network}</span> },
  { id: "list", accessorFn: (r) => (r.allowed ? "Allowed" : "Blocked"), header: "List", cell: ({ row }) => listBadge(row.original.allowed) },
  { accessorKey: "description", header: "Description", cell: ({ row }) => row.original.description || <span className="text-slate-600">—</span> },
  { accessorKey: "createdAt", header: "Added", sortFn: "datetime", enableGlobalFilter: false, cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
];

export function AuthorizedIps({ rows, yourAddress, yourVerdict }: { rows: AuthorizedIpRow[]; yourAddress: string; yourVerdict: string }) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const d = dialog.state;
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener };
  const atLimit = rows.length >= MAX_AUTHORIZED_IPS;
  const allowListEmpty = !rows.some((r) => r.allowed);

  const withActions = useMemo<DataTableColumn<AuthorizedIpRow>[]>(
    () => [
      ...columns,
      actionsColumn(({ row }) => (
        <RowMenu label={`Actions for ${row.original.network} (${row.original.allowed ? "allowed" : "blocked"})`}>
          <MenuItem data-action="security" danger onSelect={(o) => open({ kind: "remove", row: row.original }, o)}>
            Remove
          </MenuItem>
        </RowMenu>
      )),
    ],
    [open],
  );

  const buttons = (
    <div className="flex flex-wrap items-center gap-2">
      {atLimit ? (
        <p className="text-sm text-slate-700" data-authorized-ip-limit="">
          The lists hold {MAX_AUTHORIZED_IPS} entries, the most they may: remove one to add another.
        </p>
      ) : null}
      <Button data-action="security" onClick={(e) => open({ kind: "add" }, e.currentTarget)} disabled={atLimit}>
        <Plus aria-hidden className="size-4" />
        Add address
      </Button>
    </div>
  );

  return (
    <section aria-labelledby="api-addresses" className="space-y-4">
      <div>
        <h2 id="api-addresses" className="text-base font-semibold text-slate-900">
          Management API addresses
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Which IPv4 addresses may call the Management API with this account&apos;s keys. Addresses on the block list never may; once the allow list has an entry, only its
          addresses may. With both lists empty, any address may. The panel itself is not limited by them.
        </p>
        <p className="mt-2 text-sm text-slate-700" data-your-address="">
          This browser reaches the panel from <span className="font-mono">{yourAddress}</span>: {yourVerdict}
        </p>
      </div>
      {rows.length === 0 ? (
        <EmptyState title="Any address may call the Management API" action={buttons}>
          <p>Add the addresses of the servers that run your scripts to the allow list, or block an address that should never call.</p>
        </EmptyState>
      ) : (
        <DataTable
          columns={withActions}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Filter addresses"
          filterPlaceholder="Address or description"
          caption="Management API addresses"
          initialSort={{ id: "network" }}
          emptyMessage="No addresses."
          toolbarActions={buttons}
        />
      )}
      <CheckAddress />
      {d?.kind === "add" ? <AddAddressDialog {...props} allowListEmpty={allowListEmpty} /> : null}
      {d?.kind === "remove" ? <RemoveAddressDialog {...props} row={d.row} lastAllowed={d.row.allowed && rows.filter((r) => r.allowed).length === 1} /> : null}
    </section>
  );
}

function AddAddressDialog({ allowListEmpty, ...props }: DialogProps & { allowListEmpty: boolean }) {
  const toast = useToast();
  const [allowed, setAllowed] = useState(true);
  const form = useActionForm(addAuthorizedIpAction, {
    fields: ["network", "allowed", "description"],
    toInput: (f) => ({ network: formText(f, "network"), allowed: formText(f, "list") !== "block", description: formText(f, "description") }),
    onSuccess: (e) => {
      toast(`${e.network} added to ${listName(e.allowed)}`);
      props.onClose();
    },
  });
  return (
    <FormDialog
      title="Add an address"
      description="An IPv4 address (192.0.2.7) or a network in CIDR notation (192.0.2.0/24)."
      form={form}
      submitLabel="Add address"
      data-action="security"
      {...props}
    >
      <div className="space-y-4">
        <Field label="Address or network" name="network" required autoComplete="off" spellCheck={false} placeholder="192.0.2.0/24" error={form.fieldErrors.network} />
        <SelectField label="List" name="list" defaultValue="allow" onChange={(e) => setAllowed(e.currentTarget.value !== "block")} error={form.fieldErrors.allowed}>
          <option value="allow">Allow list: may call</option>
          <option value="block">Block list: never may call</option>
        </SelectField>
        {allowed && allowListEmpty ? (
          <p className="text-sm text-amber-800" data-allow-list-warning="">
            This is the allow list&apos;s first entry: from then on, only its addresses may call the Management API with this account&apos;s keys. Add every server your scripts run on.
          </p>
        ) : null}
        <Field label="Description" name="description" maxLength={AUTHORIZED_IP_DESCRIPTION_MAX} hint="Whose address it is, e.g. “CI runners”." error={form.fieldErrors.description} autoComplete="off" />
      </div>
    </FormDialog>
  );
}

function RemoveAddressDialog({ row, lastAllowed, ...props }: DialogProps & { row: AuthorizedIpRow; lastAllowed: boolean }) {
  const toast = useToast();
  const form = useActionForm(removeAuthorizedIpAction, {
    fields: [],
    toInput: () => ({ network: row.network, allowed: row.allowed }),
    onSuccess: () => {
      toast(`${row.network} removed from ${listName(row.allowed)}`);
      props.onClose();
    },
  });
  const effect = row.allowed
    ? lastAllowed
      ? "It is the allow list's last entry: afterwards any address not blocked may call the Management API."
      : "Its addresses can no longer call the Management API, unless another allowed network holds them."
    : "Its addresses may call the Management API again (if the allow list lets them).";
  return <ConfirmDialog title={`Remove ${row.network} from ${listName(row.allowed)}?`} description={effect} form={form} submitLabel="Remove" data-action="security" {...props} />;
}

function CheckAddress() {
  const [result, setResult] = useState<string>();
  const form = useActionForm(checkAuthorizedIpAction, {
    fields: ["ip"],
    toInput: (f) => ({ ip: formText(f, "ip") }),
    onSuccess: (v) =>
      setResult(
        v.allowed
          ? `${v.address} may call the Management API${v.match ? ` (allowed by ${v.match.network})` : " (no list refuses it)"}.`
          : `${v.address} may not call the Management API${v.match ? ` (blocked by ${v.match.network})` : " (it is on no allowed network)"}.`,
      ),
  });
  return (
    <form {...form.formProps} className="flex flex-wrap items-end gap-2" data-action="security" aria-label="Check an address">
      <Field label="Check an address" name="ip" autoComplete="off" spellCheck={false} placeholder="203.0.113.9" error={form.fieldErrors.ip} onChange={() => setResult(undefined)} />
      <Button type="submit" variant="secondary" disabled={form.pending}>
        Check
      </Button>
      <p role="status" className="basis-full text-sm text-slate-700" data-check-result="">
        {result ?? form.formError ?? ""}
      </p>
    </form>
  );
}
