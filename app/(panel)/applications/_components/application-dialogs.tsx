"use client";
import type { Route } from "next";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { CheckboxField, Field } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { createApplicationAction, deleteApplicationAction, deleteApplicationFromItsPageAction, renameApplicationAction } from "../actions";

const NAME_HINT = "Lowercase latin letters, digits and hyphens, starting with a letter (2 to 65 characters).";

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };

/** Create (no `app`) or rename (with `app`) an application. */
export function ApplicationNameDialog({
  onClose,
  returnFocusTo,
  app,
  domainSuffix,
}: DialogProps & {
  app?: { id: number; name: string };
  /** ".<account>.<domain>", shown as a live preview of the full name. */
  domainSuffix: string;
}) {
  const toast = useToast();
  const [name, setName] = useState(app?.name ?? "");
  type Input = { applicationId: number; name: string } | { name: string; secureRecordStorage: boolean };
  const form = useActionForm(
    (input: Input) => ("applicationId" in input ? renameApplicationAction(input) : createApplicationAction(input)),
    {
      fields: ["name"],
      toInput: (f) =>
        app ? { applicationId: app.id, name: formText(f, "name") } : { name: formText(f, "name"), secureRecordStorage: f.get("secureRecordStorage") === "on" },
      onSuccess: (a) => {
        toast(app ? `Application renamed to ${a.name}` : `Application ${a.name} created`);
        onClose();
      },
    },
  );
  return (
    <FormDialog
      title={app ? `Rename ${app.name}` : "Create application"}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel={app ? "Rename" : "Create"}
    >
      <Field
        label="Name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={form.fieldErrors.name}
        hint={NAME_HINT}
        autoComplete="off"
        required
      />
      <p className="break-all text-xs text-slate-600">
        Full name: <span className="font-mono text-slate-800">{(name.trim() || "name") + domainSuffix}</span>
      </p>
      {app ? null : (
        <CheckboxField
          label="Secure record storage"
          name="secureRecordStorage"
          description="Call recordings are stored so that only authorised requests can fetch them."
        />
      )}
    </FormDialog>
  );
}

/** Confirms deleting an application with its users; goes to `afterDeleteHref` on success. */
export function DeleteApplicationDialog({
  onClose,
  returnFocusTo,
  app,
  afterDeleteHref,
}: DialogProps & {
  app: { id: number; name: string; userCount: number };
  afterDeleteHref?: Route;
}) {
  const toast = useToast();
  const router = useRouter();
  // From the application's own page the action leaves the page alone (it would be a 404) and this dialog navigates.
  const form = useActionForm(afterDeleteHref ? deleteApplicationFromItsPageAction : deleteApplicationAction, {
    fields: [],
    toInput: () => ({ applicationId: app.id }),
    onSuccess: (a) => {
      toast(`Application ${a.name} deleted`);
      onClose();
      if (afterDeleteHref) {
        router.push(afterDeleteHref);
        // A soft navigation keeps the panel layout as it was: refresh it too, so the top bar's
        // balance shows the money the application's users handed back.
        router.refresh();
      }
    },
  });
  const description =
    app.userCount === 0
      ? "The application is deleted for good. This cannot be undone."
      : `The application and its ${app.userCount} user${app.userCount === 1 ? "" : "s"} are deleted for good; money left on a user's separate balance goes back to the account. This cannot be undone.`;
  return (
    <ConfirmDialog
      title={`Delete ${app.name}?`}
      description={description}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Delete application"
    />
  );
}
