"use client";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CheckboxField, Field, FormError, TextAreaField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { ActionResult, FieldErrors } from "@/lib/access/guards";
import type { RoleOption } from "@/lib/subusers/role-options";
import { SUBUSER_DESCRIPTION_MAX, SUBUSER_NAME_MAX, SUBUSER_NAME_MIN } from "@/lib/subusers/limits";
import { createSubuserAction, deleteSubuserAction, editSubuserAction, resetSubuserPasswordAction } from "../actions";
import type { SubuserRow } from "./subusers-table";

const PASSWORD_HINT = "At least 8 characters with an uppercase and a lowercase letter, a digit and a special character; no spaces.";

/** Runs an action, keeps its field/form errors, and on success toasts and closes. */
function useSubmit<T>(onDone: (data: T) => void) {
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const submit = (run: () => Promise<ActionResult<T>>) =>
    startTransition(async () => {
      const r = await run();
      if (r.ok) {
        setFieldErrors({});
        setFormError(undefined);
        onDone(r.data);
      } else {
        setFieldErrors(r.fieldErrors ?? {});
        setFormError(r.formError ?? (r.fieldErrors?.form ? r.fieldErrors.form : undefined));
      }
    });
  return { pending, fieldErrors, formError, submit };
}

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

function DialogButtons({ onCancel, pending, label, danger }: { onCancel: () => void; pending: boolean; label: string; danger?: boolean }) {
  return (
    <div className="flex justify-end gap-2 pt-2">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending}>
        {pending ? "Saving…" : label}
      </Button>
    </div>
  );
}

function RolesField({ options, defaultValue, error }: { options: RoleOption[]; defaultValue?: readonly string[]; error?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-700">Roles</legend>
      <p className="mb-2 text-xs text-slate-500">The subuser sees the sections of all its roles together.</p>
      <div className="grid max-h-64 gap-2 overflow-y-auto rounded-md p-2 ring-1 ring-slate-200 sm:grid-cols-2">
        {options.map((o) => (
          <div key={o.role} className="flex items-start gap-2" title={o.titles.join(", ")}>
            <input
              id={`${id}-${o.role}`}
              type="checkbox"
              name="roles"
              value={o.role}
              defaultChecked={defaultValue?.includes(o.role)}
              aria-describedby={`${id}-${o.role}-hint`}
              className="mt-0.5 size-4 rounded border-slate-300 text-brand-600"
            />
            <div className="text-sm">
              <label htmlFor={`${id}-${o.role}`} className="font-medium text-slate-800">
                {o.role}
              </label>
              <p id={`${id}-${o.role}-hint`} className="text-xs text-slate-500">
                {o.hint}
              </p>
            </div>
          </div>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600" data-field-error="roles">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function CreateSubuserDialog({ onClose, roleOptions }: { onClose: () => void; roleOptions: RoleOption[] }) {
  const toast = useToast();
  const { pending, fieldErrors, formError, submit } = useSubmit<{ name: string }>((s) => {
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
              name: text(form, "name"),
              password: text(form, "password"),
              roles: form.getAll("roles").map(String),
              description: text(form, "description"),
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
        <RolesField options={roleOptions} error={fieldErrors.roles} />
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
  const { pending, fieldErrors, formError, submit } = useSubmit<{ name: string }>((s) => {
    toast(`Subuser ${s.name} saved`);
    onClose();
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Edit ${row.name}`} description="Changing the roles ends the subuser's open sessions.">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          submit(() => editSubuserAction({ subuserId: row.id, description: text(form, "description"), roles: form.getAll("roles").map(String) }));
        }}
      >
        <TextAreaField label="Description" name="description" defaultValue={row.description} maxLength={SUBUSER_DESCRIPTION_MAX} error={fieldErrors.description} />
        <RolesField options={roleOptions} defaultValue={row.roles} error={fieldErrors.roles} />
        <FormError message={formError ?? fieldErrors.subuserId} />
        <DialogButtons onCancel={onClose} pending={pending} label="Save" />
      </form>
    </Dialog>
  );
}

export function ResetPasswordDialog({ row, onClose }: { row: SubuserRow; onClose: () => void }) {
  const toast = useToast();
  const { pending, fieldErrors, formError, submit } = useSubmit<null>(() => {
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
          submit(() => resetSubuserPasswordAction({ subuserId: row.id, password: text(form, "password"), confirmPassword: text(form, "confirmPassword") }));
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
  const { pending, fieldErrors, formError, submit } = useSubmit<null>(() => {
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
