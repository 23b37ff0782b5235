"use client";
import { CheckboxField, Field } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { createAppUserAction, deleteAppUserAction, updateAppUserAction } from "../actions";
import type { UserRow } from "./columns";
import { PASSWORD_RULE } from "@/lib/auth/password-text";

type DialogProps = { appId: number; onClose: () => void; returnFocusTo: HTMLElement | null };

const ACTIVE_HINT = "Inactive users cannot log in to the application.";
const BALANCE_HINT = "The user's spending is charged to its own balance, topped up from the account's (the row menu's Top up balance).";

/** The New user editor, with "Create another" to keep it open, cleared, for the next user. */
export function CreateUserDialog({ appId, onClose, returnFocusTo }: DialogProps) {
  const toast = useToast();
  const form = useActionForm(createAppUserAction, {
    fields: ["name", "password", "displayName"],
    toInput: (f) => ({
      applicationId: appId,
      name: formText(f, "name"),
      password: formText(f, "password"),
      displayName: formText(f, "displayName"),
      active: f.get("active") === "on",
      separateBalance: f.get("separateBalance") === "on",
    }),
    onSuccess: (u, el) => {
      toast(`User ${u.name} created`);
      const another = el?.elements.namedItem("createAnother") as HTMLInputElement | null;
      if (el && another?.checked) {
        el.reset();
        another.checked = true;
        el.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
      } else {
        onClose();
      }
    },
  });
  const { fieldErrors } = form;
  return (
    <FormDialog
      title="New user"
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Create"
      data-testid="user-editor"
      footerStart={<CheckboxField label="Create another" name="createAnother" />}
    >
      <Field label="Username" name="name" error={fieldErrors.name} hint="3 to 50 characters: latin letters, digits, underscores and hyphens." autoComplete="off" required />
      <Field label="Password" name="password" type="password" error={fieldErrors.password} hint={`${PASSWORD_RULE}.`} autoComplete="new-password" required />
      <Field label="Display name" name="displayName" error={fieldErrors.displayName} autoComplete="off" required />
      <CheckboxField label="Active" name="active" description={ACTIVE_HINT} defaultChecked />
      <CheckboxField label="Separate balance" name="separateBalance" description={BALANCE_HINT} />
    </FormDialog>
  );
}

export function EditUserDialog({ appId, user, onClose, returnFocusTo }: DialogProps & { user: UserRow }) {
  const toast = useToast();
  const form = useActionForm(updateAppUserAction, {
    fields: ["displayName", "password"],
    toInput: (f) => ({
      applicationId: appId,
      userId: user.id,
      displayName: formText(f, "displayName"),
      password: formText(f, "password"),
      active: f.get("active") === "on",
      separateBalance: f.get("separateBalance") === "on",
    }),
    onSuccess: (u) => {
      toast(`User ${u.name} saved`);
      onClose();
    },
  });
  return (
    <FormDialog title={`Edit ${user.name}`} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Save">
      <Field label="Display name" name="displayName" defaultValue={user.displayName} error={form.fieldErrors.displayName} autoComplete="off" required />
      <Field
        label="New password"
        name="password"
        type="password"
        error={form.fieldErrors.password}
        hint="Leave blank to keep the current password."
        autoComplete="new-password"
      />
      <CheckboxField label="Active" name="active" description={ACTIVE_HINT} defaultChecked={user.active} />
      <CheckboxField
        label="Separate balance"
        name="separateBalance"
        description={
          user.balanceMinor > 0
            ? `${BALANCE_HINT} It holds ${user.balance}: turned off, the user spends the account's balance and the ${user.balance} waits on its own until moved back.`
            : BALANCE_HINT
        }
        defaultChecked={user.separateBalance}
      />
    </FormDialog>
  );
}

export function DeleteUserDialog({ appId, user, onClose, returnFocusTo }: DialogProps & { user: UserRow }) {
  const toast = useToast();
  const form = useActionForm(deleteAppUserAction, {
    fields: [],
    toInput: () => ({ applicationId: appId, userId: user.id }),
    onSuccess: (u) => {
      toast(`User ${u.name} deleted`);
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Delete ${user.name}?`}
      description={`The user can no longer log in to the application.${user.balanceMinor > 0 ? ` The ${user.balance} on its own balance goes back to the account.` : ""} This cannot be undone.`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Delete user"
    />
  );
}
