"use client";
import { useId } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { DialogButtons, formText, useActionSubmit } from "@/components/ui/action-dialog";
import { CHILD_ACCOUNT_ROLE_HINTS, CHILD_ACCOUNT_ROLES, DEFAULT_CHILD_ACCOUNT_ROLE } from "@/lib/access/child-account-roles";
import { PASSWORD_RULE } from "@/lib/auth/password-rule";
import { createChildAccountAction, setChildAccountActiveAction, setChildAccountRoleAction } from "../actions";
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

export function CreateChildAccountDialog({ onClose }: { onClose: () => void }) {
  const toast = useToast();
  const { pending, fieldErrors, formError, submit } = useActionSubmit<{ name: string }>((c) => {
    toast(`Child account ${c.name} created`);
    onClose();
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title="Create child account" description="An independent account with its own login, applications and balance.">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          submit(() =>
            createChildAccountAction({
              name: formText(form, "name"),
              email: formText(form, "email"),
              password: formText(form, "password"),
              role: formText(form, "role") || DEFAULT_CHILD_ACCOUNT_ROLE,
            }),
          );
        }}
      >
        <Field label="Account name" name="name" autoComplete="off" required error={fieldErrors.name} hint="A latin letter first, then letters, digits and hyphens." />
        <Field label="Email" name="email" type="email" autoComplete="off" required error={fieldErrors.email} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required error={fieldErrors.password} hint={`${PASSWORD_RULE}.`} />
        <ChildRoleField defaultValue={DEFAULT_CHILD_ACCOUNT_ROLE} error={fieldErrors.role} />
        <FormError message={formError ?? fieldErrors.active} />
        <DialogButtons onCancel={onClose} pending={pending} label="Create" />
      </form>
    </Dialog>
  );
}

export function ChangeRoleDialog({ row, onClose }: { row: ChildAccountRow; onClose: () => void }) {
  const toast = useToast();
  const { pending, fieldErrors, formError, submit } = useActionSubmit<{ name: string; role: string | null }>((c) => {
    toast(`${c.name} is now ${c.role ?? "unrestricted"}`);
    onClose();
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Change role of ${row.name}`} description="The new role limits the child account from its next request on.">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          submit(() => setChildAccountRoleAction({ childId: row.id, role: formText(form, "role") }));
        }}
      >
        <ChildRoleField defaultValue={row.role ?? ""} error={fieldErrors.role} />
        <FormError message={formError ?? fieldErrors.childId} />
        <DialogButtons onCancel={onClose} pending={pending} label="Save" />
      </form>
    </Dialog>
  );
}

export function SuspendDialog({ row, onClose }: { row: ChildAccountRow; onClose: () => void }) {
  const toast = useToast();
  const suspend = row.active;
  const { pending, fieldErrors, formError, submit } = useActionSubmit<{ name: string; active: boolean }>((c) => {
    toast(c.active ? `${c.name} reactivated` : `${c.name} suspended; its sessions were ended`);
    onClose();
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`${suspend ? "Suspend" : "Reactivate"} ${row.name}?`}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit(() => setChildAccountActiveAction({ childId: row.id, active: !suspend }));
        }}
      >
        <p className="text-sm text-slate-600">
          {suspend
            ? "The child account cannot log in or call the API while suspended, and everyone logged in to it is logged out on their next request. Its data stays."
            : "The child account can log in and call the API again."}
        </p>
        <FormError message={formError ?? fieldErrors.childId} />
        <DialogButtons onCancel={onClose} pending={pending} label={suspend ? "Suspend" : "Reactivate"} danger={suspend} />
      </form>
    </Dialog>
  );
}
