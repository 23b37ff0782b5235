"use client";
import { CheckboxField, Field, TextAreaField } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { RolesField, checkedRoles } from "@/components/forms/roles-field";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { RoleOption } from "@/lib/domains/subusers/role-options";
import { SUBUSER_DESCRIPTION_MAX, SUBUSER_NAME_MAX, SUBUSER_NAME_MIN } from "@/lib/domains/subusers/limits";
import { createSubuserAction, deleteSubuserAction, editSubuserAction, resetSubuserPasswordAction, turnOffSubuserTwoStepAction } from "../actions";
import type { SubuserRow } from "./columns";
import { PASSWORD_RULE } from "@/lib/auth/password-text";

const ROLES_HINT = "The subuser sees the sections of all its roles together.";
const PASSWORD_HINT = `${PASSWORD_RULE}.`;

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };

export function CreateSubuserDialog({ onClose, returnFocusTo, roleOptions }: DialogProps & { roleOptions: RoleOption[] }) {
  const toast = useToast();
  const form = useActionForm(createSubuserAction, {
    fields: ["name", "password", "roles", "description"],
    toInput: (f) => ({
      name: formText(f, "name"),
      password: formText(f, "password"),
      roles: checkedRoles(f),
      description: formText(f, "description"),
      active: f.get("active") === "on",
    }),
    onSuccess: (s) => {
      toast(`Subuser ${s.name} created`);
      onClose();
    },
  });
  const { fieldErrors } = form;
  return (
    <FormDialog
      title="Add subuser"
      description="A person who logs in through the account's subuser login link and sees the sections of its roles."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Create"
      size="lg"
    >
      <Field
        label="Name"
        name="name"
        autoComplete="off"
        required
        maxLength={64}
        error={fieldErrors.name}
        hint={`${SUBUSER_NAME_MIN} to ${SUBUSER_NAME_MAX} characters: latin letters, digits and hyphens, starting with a letter. Stored in lowercase.`}
      />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required error={fieldErrors.password} hint={PASSWORD_HINT} />
      <RolesField description={ROLES_HINT} options={roleOptions} error={fieldErrors.roles} />
      <TextAreaField label="Description" name="description" maxLength={SUBUSER_DESCRIPTION_MAX} error={fieldErrors.description} />
      <CheckboxField name="active" label="Active" description="Inactive subusers cannot log in." defaultChecked />
    </FormDialog>
  );
}

export function EditSubuserDialog({ row, onClose, returnFocusTo, roleOptions }: DialogProps & { row: SubuserRow; roleOptions: RoleOption[] }) {
  const toast = useToast();
  // force: remove the roles taken away from the subuser's keys too (the API's force=true); the
  // server refuses without it while a key holds one of them, and says so under `force`. The
  // confirming button submits the same form with force=true.
  const form = useActionForm(editSubuserAction, {
    fields: ["description", "roles", "force"],
    toInput: (f) => ({ subuserId: row.id, description: formText(f, "description"), roles: checkedRoles(f), force: formText(f, "force") === "true" }),
    onSuccess: (s) => {
      toast(`Subuser ${s.name} saved`);
      onClose();
    },
  });
  return (
    <FormDialog
      title={`Edit ${row.name}`}
      description="Changing the roles ends the subuser's open sessions."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Save"
      size="lg"
    >
      <TextAreaField label="Description" name="description" defaultValue={row.description} maxLength={SUBUSER_DESCRIPTION_MAX} error={form.fieldErrors.description} />
      <RolesField description={ROLES_HINT} options={roleOptions} defaultValue={row.roles} error={form.fieldErrors.roles} />
      {form.fieldErrors.force ? (
        <div role="alert" data-testid="roles-held-by-keys" className="space-y-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
          <p>{form.fieldErrors.force}</p>
          <Button type="submit" name="force" value="true" variant="danger" size="sm" data-action="subusers.edit" disabled={form.pending}>
            Remove from its keys and save
          </Button>
        </div>
      ) : null}
    </FormDialog>
  );
}

export function ResetPasswordDialog({ row, onClose, returnFocusTo }: DialogProps & { row: SubuserRow }) {
  const toast = useToast();
  const form = useActionForm(resetSubuserPasswordAction, {
    fields: ["password", "confirmPassword"],
    toInput: (f) => ({ subuserId: row.id, password: formText(f, "password"), confirmPassword: formText(f, "confirmPassword") }),
    onSuccess: () => {
      toast(`Password of ${row.name} reset; its sessions were ended`);
      onClose();
    },
  });
  return (
    <FormDialog
      title={`Reset password of ${row.name}`}
      description="The subuser's open sessions end; it logs in again with the new password."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Reset password"
    >
      <Field label="New password" name="password" type="password" autoComplete="new-password" required error={form.fieldErrors.password} hint={PASSWORD_HINT} />
      <Field label="Repeat the new password" name="confirmPassword" type="password" autoComplete="new-password" required error={form.fieldErrors.confirmPassword} />
    </FormDialog>
  );
}

export function DeleteSubuserDialog({ row, onClose, returnFocusTo }: DialogProps & { row: SubuserRow }) {
  const toast = useToast();
  const form = useActionForm(deleteSubuserAction, {
    fields: [],
    toInput: () => ({ subuserId: row.id }),
    onSuccess: () => {
      toast(`Subuser ${row.name} deleted`);
      onClose();
    },
  });
  return (
    <ConfirmDialog title={`Delete ${row.name}?`} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Delete">
      <p className="text-sm text-slate-700">
        The subuser <span className="font-medium text-slate-900">{row.name}</span> is logged out at once, and its service-account keys are deleted with
        it. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}

/** For a subuser locked out of two-step verification: it then logs in with the password alone. */
export function TurnOffTwoStepDialog({ row, onClose, returnFocusTo, required }: DialogProps & { row: SubuserRow; required: boolean }) {
  const toast = useToast();
  const form = useActionForm(turnOffSubuserTwoStepAction, {
    fields: [],
    toInput: () => ({ subuserId: row.id }),
    onSuccess: () => {
      toast(`Two-step verification of ${row.name} is off`);
      onClose();
    },
  });
  return (
    <ConfirmDialog title={`Turn off two-step verification of ${row.name}?`} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Turn off">
      <p className="text-sm text-slate-700">
        For a subuser who lost its phone and its recovery codes. <span className="font-medium text-slate-900">{row.name}</span>{" "}
        {required
          ? "then sets it up again with its new phone, right after logging in with its password: the account requires it."
          : "will log in with its password alone until it turns two-step verification on again."}{" "}
        Make sure the request really comes from them.
      </p>
    </ConfirmDialog>
  );
}
