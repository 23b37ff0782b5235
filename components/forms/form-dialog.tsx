"use client";
// The kit's dialogs: a form in a dialog (fields in a body that scrolls, Cancel and the submit
// button always visible, the form error announced above them) and a confirmation (the same
// dialog with no fields, its body describing it, focus on its dismiss button). Both take the kit
// object of useActionForm.
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogFooter } from "@/components/ui/dialog";
import { FormError } from "./fields";
import { SubmitButton } from "./submit-button";
import type { useActionForm } from "./use-action-form";

type Kit = Pick<ReturnType<typeof useActionForm>, "formProps" | "pending" | "formError">;

type Common = {
  title: string;
  description?: React.ReactNode;
  onClose: () => void;
  /** The control that opened the dialog (useDialog's `opener`): focus goes back there on close. */
  returnFocusTo?: HTMLElement | null;
  form: Kit;
  submitLabel: string;
  danger?: boolean;
  size?: "md" | "lg";
} & Record<`data-${string}`, string>;

export function FormDialog({
  title,
  description,
  onClose,
  returnFocusTo,
  form,
  submitLabel,
  danger,
  size,
  footerStart,
  children,
  ...data
}: Common & {
  /** Left of the buttons (e.g. "Create another"). */
  footerStart?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={title} description={description} returnFocusTo={returnFocusTo} size={size}>
      <DialogForm form={form} onCancel={onClose} submitLabel={submitLabel} danger={danger} footerStart={footerStart} {...data}>
        {children}
      </DialogForm>
    </Dialog>
  );
}

/** The inside of a FormDialog, for a dialog that swaps its form for something else (a secret shown once). */
export function DialogForm({
  form,
  onCancel,
  submitLabel,
  danger,
  footerStart,
  children,
  ...data
}: {
  form: Kit;
  onCancel: () => void;
  submitLabel: string;
  danger?: boolean;
  footerStart?: React.ReactNode;
  children: React.ReactNode;
} & Record<`data-${string}`, string>) {
  return (
    <form {...form.formProps} className="flex min-h-0 flex-1 flex-col" {...data}>
      <DialogBody>
        {children}
        <FormError message={form.formError} />
      </DialogBody>
      <DialogFooter className={footerStart ? "justify-between" : undefined}>
        {footerStart}
        <div className="flex gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <SubmitButton pending={form.pending} variant={danger ? "danger" : "primary"}>
            {submitLabel}
          </SubmitButton>
        </div>
      </DialogFooter>
    </form>
  );
}

/**
 * "Delete x?": the consequences, Cancel (focused) and the confirming button. A confirmation has no
 * fields, so a field error of the action (the id it was given) is shown as the form error. With
 * `blocked` (the consequences say why it cannot be done now) there is only Close.
 */
export function ConfirmDialog({
  children,
  blocked = false,
  ...props
}: Omit<Common, "form"> & {
  form: Kit & { fieldErrors?: Record<string, string> };
  blocked?: boolean;
  /** The dismiss button's label: "Cancel", unless the action itself is a cancel ("Keep row" beside "Cancel row"). */
  dismissLabel?: string;
  children?: React.ReactNode;
}) {
  const { title, description, onClose, returnFocusTo, form, submitLabel, danger = true, dismissLabel = "Cancel", ...data } = props;
  const error = form.formError ?? Object.values(form.fieldErrors ?? {})[0];
  // The body says what will happen: it describes the dialog for a screen reader, after the title.
  const bodyId = useId();
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={title} description={description} describedBy={children ? bodyId : undefined} returnFocusTo={returnFocusTo}>
      <form {...form.formProps} className="flex min-h-0 flex-1 flex-col" {...data}>
        {children || error ? (
          <DialogBody id={bodyId}>
            {children}
            <FormError message={error} />
          </DialogBody>
        ) : null}
        <DialogFooter>
          <Button variant="secondary" onClick={onClose} data-autofocus="">
            {blocked ? "Close" : dismissLabel}
          </Button>
          {blocked ? null : (
            <SubmitButton pending={form.pending} variant={danger ? "danger" : "primary"}>
              {submitLabel}
            </SubmitButton>
          )}
        </DialogFooter>
      </form>
    </Dialog>
  );
}
