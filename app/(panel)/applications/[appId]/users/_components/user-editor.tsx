"use client";
import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CheckboxField, Field, FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { FieldErrors } from "@/lib/server/action";
import { createAppUserAction, updateAppUserAction } from "../actions";
import type { UserRow } from "./columns";
import { PASSWORD_RULE } from "@/lib/auth/password-rule";

type Failure = { formError?: string; fieldErrors?: FieldErrors };

/** Field errors for fields this form does not show become the form error, so none is lost. */
function split(r: Failure, shown: readonly string[]): Failure {
  const fieldErrors: FieldErrors = {};
  const other: string[] = r.formError ? [r.formError] : [];
  for (const [k, v] of Object.entries(r.fieldErrors ?? {})) {
    if (shown.includes(k)) fieldErrors[k] = v;
    else other.push(v);
  }
  return { fieldErrors, formError: other[0] };
}

const EMPTY = { name: "", password: "", displayName: "", active: true, separateBalance: false };

/** The New user editor, with "Create another" to keep it open for the next user. */
export function CreateUserDialog({ appId, open, onOpenChange }: { appId: number; open: boolean; onOpenChange: (open: boolean) => void }) {
  const toast = useToast();
  const [values, setValues] = useState(EMPTY);
  const [another, setAnother] = useState(false);
  const [failure, setFailure] = useState<Failure>({});
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof typeof EMPTY>(k: K, v: (typeof EMPTY)[K]) => setValues((s) => ({ ...s, [k]: v }));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await createAppUserAction({ applicationId: appId, ...values });
      if (!r.ok) return setFailure(split(r, ["name", "password", "displayName"]));
      setFailure({});
      toast(`User ${r.data.name} created`);
      if (another) {
        setValues(EMPTY);
        formRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
      } else {
        onOpenChange(false);
      }
    });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New user">
      <form ref={formRef} onSubmit={submit} className="space-y-4" noValidate data-testid="user-editor">
        <Field
          label="Username"
          name="name"
          value={values.name}
          onChange={(e) => set("name", e.target.value)}
          error={failure.fieldErrors?.name}
          hint="3 to 50 characters: latin letters, digits, underscores and hyphens."
          autoComplete="off"
          autoFocus
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          value={values.password}
          onChange={(e) => set("password", e.target.value)}
          error={failure.fieldErrors?.password}
          hint={`${PASSWORD_RULE}.`}
          autoComplete="new-password"
          required
        />
        <Field
          label="Display name"
          name="displayName"
          value={values.displayName}
          onChange={(e) => set("displayName", e.target.value)}
          error={failure.fieldErrors?.displayName}
          autoComplete="off"
          required
        />
        <CheckboxField label="Active" name="active" description="Inactive users cannot log in to the application." checked={values.active} onChange={(e) => set("active", e.target.checked)} />
        <CheckboxField
          label="Separate balance"
          name="separateBalance"
          description="The user's spending is charged to its own balance, topped up from the account's."
          checked={values.separateBalance}
          onChange={(e) => set("separateBalance", e.target.checked)}
        />
        <FormError message={failure.formError} />
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-4">
          <CheckboxField label="Create another" name="createAnother" checked={another} onChange={(e) => setAnother(e.target.checked)} />
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending} data-action="application.users">
              Create
            </Button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}

export function EditUserDialog({ appId, user, open, onOpenChange }: { appId: number; user: UserRow; open: boolean; onOpenChange: (open: boolean) => void }) {
  const toast = useToast();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [password, setPassword] = useState("");
  const [active, setActive] = useState(user.active);
  const [separateBalance, setSeparateBalance] = useState(user.separateBalance);
  const [failure, setFailure] = useState<Failure>({});
  const [pending, startTransition] = useTransition();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = await updateAppUserAction({ applicationId: appId, userId: user.id, displayName, password, active, separateBalance });
      if (!r.ok) return setFailure(split(r, ["displayName", "password"]));
      toast(`User ${r.data.name} saved`);
      onOpenChange(false);
    });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Edit ${user.name}`}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field label="Display name" name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={failure.fieldErrors?.displayName} autoComplete="off" autoFocus required />
        <Field
          label="New password"
          name="password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={failure.fieldErrors?.password}
          hint="Leave blank to keep the current password."
          autoComplete="new-password"
        />
        <CheckboxField label="Active" name="active" description="Inactive users cannot log in to the application." checked={active} onChange={(e) => setActive(e.target.checked)} />
        <CheckboxField
          label="Separate balance"
          name="separateBalance"
          description="The user's spending is charged to its own balance, topped up from the account's."
          checked={separateBalance}
          onChange={(e) => setSeparateBalance(e.target.checked)}
        />
        <FormError message={failure.formError} />
        <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
