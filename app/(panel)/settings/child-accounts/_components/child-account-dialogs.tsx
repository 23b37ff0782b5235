"use client";
import { useId } from "react";
import { Field } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { MoneyMoveFields } from "@/components/forms/money-move-fields";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { CHILD_ACCOUNT_ROLE_HINTS, CHILD_ACCOUNT_ROLES, DEFAULT_CHILD_ACCOUNT_ROLE } from "@/lib/access/child-account-roles";
import { PASSWORD_RULE } from "@/lib/auth/password-text";
import { formatMoney } from "@/lib/domains/billing/money";
import { createChildAccountAction, setChildAccountActiveAction, setChildAccountRoleAction, transferToChildAccountAction } from "../actions";
import type { ChildAccountRow } from "./columns";

/** One radio per child role (seed 004), each described by what it limits. */
function ChildRoleField({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-700">Role</legend>
      <div className="mt-2 space-y-2">
        {CHILD_ACCOUNT_ROLES.map((role) => (
          <div key={role} className="flex items-start gap-2">
            <input
              id={`${id}-${role}`}
              type="radio"
              name="role"
              value={role}
              defaultChecked={defaultValue === role}
              aria-describedby={`${id}-${role}-hint`}
              className="mt-0.5 size-4 border-slate-300 text-brand-600"
            />
            <div className="text-sm">
              <label htmlFor={`${id}-${role}`} className="font-medium text-slate-800">
                {role}
              </label>
              <p id={`${id}-${role}-hint`} className="text-xs text-slate-500">
                {CHILD_ACCOUNT_ROLE_HINTS[role]}
              </p>
            </div>
          </div>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600" data-field-error="role">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };

export function CreateChildAccountDialog({ onClose, returnFocusTo }: DialogProps) {
  const toast = useToast();
  const form = useActionForm(createChildAccountAction, {
    fields: ["name", "email", "password", "role"],
    toInput: (f) => ({
      name: formText(f, "name"),
      email: formText(f, "email"),
      password: formText(f, "password"),
      role: formText(f, "role") || DEFAULT_CHILD_ACCOUNT_ROLE,
    }),
    onSuccess: (c) => {
      toast(`Child account ${c.name} created`);
      onClose();
    },
  });
  const { fieldErrors } = form;
  return (
    <FormDialog
      title="Create child account"
      description="An independent account with its own login, applications and balance."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Create"
      size="lg"
    >
      <Field label="Account name" name="name" autoComplete="off" required error={fieldErrors.name} hint="A latin letter first, then letters, digits and hyphens." />
      <Field label="Email" name="email" type="email" autoComplete="off" required error={fieldErrors.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required error={fieldErrors.password} hint={`${PASSWORD_RULE}.`} />
      <ChildRoleField defaultValue={DEFAULT_CHILD_ACCOUNT_ROLE} error={fieldErrors.role} />
    </FormDialog>
  );
}

export function ChangeRoleDialog({ row, onClose, returnFocusTo }: DialogProps & { row: ChildAccountRow }) {
  const toast = useToast();
  const form = useActionForm(setChildAccountRoleAction, {
    fields: ["role"],
    toInput: (f) => ({ childId: row.id, role: formText(f, "role") }),
    onSuccess: (c) => {
      toast(`${c.name} is now ${c.role ?? "unrestricted"}`);
      onClose();
    },
  });
  return (
    <FormDialog
      title={`Change role of ${row.name}`}
      description="The new role limits the child account from its next request on."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Save"
    >
      <ChildRoleField defaultValue={row.role ?? ""} error={form.fieldErrors.role} />
    </FormDialog>
  );
}

export function SuspendDialog({ row, onClose, returnFocusTo }: DialogProps & { row: ChildAccountRow }) {
  const toast = useToast();
  const suspend = row.active;
  const form = useActionForm(setChildAccountActiveAction, {
    fields: [],
    toInput: () => ({ childId: row.id, active: !suspend }),
    onSuccess: (c) => {
      toast(c.active ? `${c.name} reactivated` : `${c.name} suspended; its sessions were ended`);
      onClose();
    },
  });
  return (
    <ConfirmDialog title={`${suspend ? "Suspend" : "Reactivate"} ${row.name}?`} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel={suspend ? "Suspend" : "Reactivate"} danger={suspend}>
      <p className="text-sm text-slate-700">
        {suspend
          ? "The child account cannot log in or call the API while suspended, and everyone logged in to it is logged out on their next request. Its data stays."
          : "The child account can log in and call the API again."}
      </p>
    </ConfirmDialog>
  );
}

/** The parent's own balance, minor units, and its currency: what a move can draw on. */
export type ParentFunds = { balanceMinor: number; currency: string };

export function MoveBalanceDialog({ row, funds, onClose, returnFocusTo }: DialogProps & { row: ChildAccountRow; funds: ParentFunds }) {
  const toast = useToast();
  const form = useActionForm(transferToChildAccountAction, {
    fields: ["amount"],
    toInput: (f) => ({ childId: row.id, amount: formText(f, "amount") }),
    onSuccess: (t) => {
      toast(`Moved ${formatMoney(t.amountMinor, t.currency)} to ${t.name}; its balance is ${formatMoney(t.balanceMinor, t.currency)}`);
      onClose();
    },
  });
  return (
    <FormDialog
      title={`Move balance to ${row.name}`}
      description="The amount leaves your balance and arrives in the child account's at once. Both accounts' transactions show it."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Move"
    >
      <MoneyMoveFields
        testId="move-balance-funds"
        balances={[
          ["Your balance", formatMoney(funds.balanceMinor, funds.currency)],
          [`${row.name}'s balance`, row.balance],
        ]}
        currency={funds.currency}
        error={form.fieldErrors.amount}
        hint="Only your balance funds a move, not your credit limit."
      />
    </FormDialog>
  );
}
