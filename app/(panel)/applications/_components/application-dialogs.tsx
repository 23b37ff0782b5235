"use client";
import type { Route } from "next";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CheckboxField, Field, FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { FieldErrors } from "@/lib/server/action";
import { createApplicationAction, deleteApplicationAction, renameApplicationAction } from "../actions";

type Failure = { formError?: string; fieldErrors?: FieldErrors };

const NAME_HINT = "Lowercase latin letters, digits and hyphens, starting with a letter (2 to 65 characters).";

/** Create (no `app`) or rename (with `app`) an application. */
export function ApplicationNameDialog({
  open,
  onOpenChange,
  app,
  domainSuffix,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  app?: { id: number; name: string };
  /** ".<account>.<domain>", shown as a live preview of the full name. */
  domainSuffix: string;
}) {
  const toast = useToast();
  const [name, setName] = useState(app?.name ?? "");
  const [secure, setSecure] = useState(false);
  const [failure, setFailure] = useState<Failure>({});
  const [pending, startTransition] = useTransition();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      const r = app
        ? await renameApplicationAction({ applicationId: app.id, name })
        : await createApplicationAction({ name, secureRecordStorage: secure });
      if (!r.ok) return setFailure(r);
      setFailure({});
      toast(app ? `Application renamed to ${r.data.name}` : `Application ${r.data.name} created`);
      onOpenChange(false);
    });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={app ? `Rename ${app.name}` : "Create application"}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field
          label="Name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={failure.fieldErrors?.name}
          hint={NAME_HINT}
          autoComplete="off"
          autoFocus
          required
        />
        <p className="break-all text-xs text-slate-500">
          Full name: <span className="font-mono text-slate-700">{(name.trim() || "name") + domainSuffix}</span>
        </p>
        {app ? null : (
          <CheckboxField
            label="Secure record storage"
            name="secureRecordStorage"
            description="Call recordings are stored so that only authorised requests can fetch them."
            checked={secure}
            onChange={(e) => setSecure(e.target.checked)}
          />
        )}
        <FormError message={failure.formError} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {app ? "Rename" : "Create"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Confirms deleting an application with its users. `afterDelete` runs on success. */
export function DeleteApplicationDialog({
  open,
  onOpenChange,
  app,
  afterDeleteHref,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  app: { id: number; name: string; userCount: number };
  afterDeleteHref?: Route;
}) {
  const toast = useToast();
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      const r = await deleteApplicationAction({ applicationId: app.id });
      if (!r.ok) return setError(r.formError ?? Object.values(r.fieldErrors ?? {})[0]);
      toast(`Application ${r.data.name} deleted`);
      onOpenChange(false);
      if (afterDeleteHref) router.push(afterDeleteHref);
    });
  const users = app.userCount === 1 ? "its 1 user" : `its ${app.userCount} users`;
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Delete ${app.name}?`} description={`The application and ${users} are deleted for good. This cannot be undone.`}>
      <FormError message={error} />
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={() => onOpenChange(false)}>
          Cancel
        </Button>
        <Button variant="danger" onClick={confirm} disabled={pending}>
          Delete application
        </Button>
      </div>
    </Dialog>
  );
}
