"use client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CheckboxField, Field, FormError, TextAreaField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { DialogButtons, formText, useActionSubmit } from "@/components/ui/action-dialog";
import { RolesField } from "@/components/roles-field";
import type { RoleOption } from "@/lib/domains/subusers/role-options";
import { SUBUSER_DESCRIPTION_MAX, SUBUSER_NAME_MAX, SUBUSER_NAME_MIN } from "@/lib/domains/subusers/limits";
import { createSubuserAction, deleteSubuserAction, editSubuserAction, resetSubuserPasswordAction } from "../actions";
import type { SubuserRow } from "./columns";
import { PASSWORD_RULE } from "@/lib/auth/password-rule";

const ROLES_HINT = "The subuser sees the sections of all its roles together.";
const PASSWORD_HINT = `${PASSWORD_RULE}.`;

export function CreateSubuserDialog({ onClose, roleOptions }: { onClose: () => void; roleOptions: RoleOption[] }) {
  const toast = useToast();
  const { pending, fieldErrors, formError, submit } = useActionSubmit<{ name: string }>((s) => {
    toast(`Subuser ${s.name} created`);
    onClose();
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title="Add subuser" description="A person who logs in through the account's subuser login link and sees the sections of its roles.">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          submit(() =>
            createSubuserAction({
              name: formText(form, "name"),
              password: formText(form, "password"),
              roles: form.getAll("roles").map(String),
              description: formText(form, "description"),
              active: form.get("active") === "on",
            }),
          );
        }}
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
        <FormError message={formError ?? fieldErrors.active} />
        <DialogButtons onCancel={onClose} pending={pending} label="Create" />
      </form>
    </Dialog>
  );
}

export function EditSubuserDialog({ row, onClose, roleOptions }: { row: SubuserRow; onClose: () => void; roleOptions: RoleOption[] }) {
  const toast = useToast();
  const { pending, fieldErrors, formError, submit } = useActionSubmit<{ name: string }>((s) => {
    toast(`Subuser ${s.name} saved`);
    onClose();
  });
  // force: remove the roles taken away from the subuser's keys too (the API's force=true); the
  // server refuses without it while a key holds one of them, and says so under `force`.
  const send = (form: FormData, force: boolean) =>
    submit(() => editSubuserAction({ subuserId: row.id, description: formText(form, "description"), roles: form.getAll("roles").map(String), force }));
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Edit ${row.name}`} description="Changing the roles ends the subuser's open sessions.">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          send(new FormData(e.currentTarget), false);
        }}
      >
        <TextAreaField label="Description" name="description" defaultValue={row.description} maxLength={SUBUSER_DESCRIPTION_MAX} error={fieldErrors.description} />
        <RolesField description={ROLES_HINT} options={roleOptions} defaultValue={row.roles} error={fieldErrors.roles} />
        {fieldErrors.force ? (
          <div role="alert" data-testid="roles-held-by-keys" className="space-y-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
            <p>{fieldErrors.force}</p>
            <Button
              variant="danger"
              size="sm"
              data-action="subusers.edit"
              disabled={pending}
              onClick={(e) => {
                const form = e.currentTarget.form;
                if (form) send(new FormData(form), true);
              }}
            >
              Remove from its keys and save
            </Button>
          </div>
        ) : null}
        <FormError message={formError ?? fieldErrors.subuserId} />
        <DialogButtons onCancel={onClose} pending={pending} label="Save" />
      </form>
    </Dialog>
  );
}

export function ResetPasswordDialog({ row, onClose }: { row: SubuserRow; onClose: () => void }) {
  const toast = useToast();
  const { pending, fieldErrors, formError, submit } = useActionSubmit<null>(() => {
    toast(`Password of ${row.name} reset; its sessions were ended`);
    onClose();
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Reset password of ${row.name}`} description="The subuser's open sessions end; it logs in again with the new password.">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          submit(() => resetSubuserPasswordAction({ subuserId: row.id, password: formText(form, "password"), confirmPassword: formText(form, "confirmPassword") }));
        }}
      >
        <Field label="New password" name="password" type="password" autoComplete="new-password" required error={fieldErrors.password} hint={PASSWORD_HINT} />
        <Field label="Repeat the new password" name="confirmPassword" type="password" autoComplete="new-password" required error={fieldErrors.confirmPassword} />
        <FormError message={formError ?? fieldErrors.subuserId} />
        <DialogButtons onCancel={onClose} pending={pending} label="Reset password" />
      </form>
    </Dialog>
  );
}

export function DeleteSubuserDialog({ row, onClose }: { row: SubuserRow; onClose: () => void }) {
  const toast = useToast();
  const { pending, fieldErrors, formError, submit } = useActionSubmit<null>(() => {
    toast(`Subuser ${row.name} deleted`);
    onClose();
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Delete ${row.name}?`}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit(() => deleteSubuserAction({ subuserId: row.id }));
        }}
      >
        <p className="text-sm text-slate-600">
          The subuser <span className="font-medium text-slate-900">{row.name}</span> is logged out at once, and its service-account keys are deleted
          with it. This cannot be undone.
        </p>
        <FormError message={formError ?? fieldErrors.subuserId} />
        <DialogButtons onCancel={onClose} pending={pending} label="Delete" danger />
      </form>
    </Dialog>
  );
}
