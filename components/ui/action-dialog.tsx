"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult, FieldErrors } from "@/lib/server/action";

/** Runs a server action, keeps its field and form errors, and calls onDone with the data on success. */
export function useActionSubmit<T>(onDone: (data: T) => void) {
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
        setFormError(r.formError ?? r.fieldErrors?.form);
      }
    });
  return { pending, fieldErrors, formError, submit };
}

export const formText = (form: FormData, key: string) => String(form.get(key) ?? "");

/** Cancel + submit, at the foot of a dialog's form. */
export function DialogButtons({ onCancel, pending, label, danger }: { onCancel: () => void; pending: boolean; label: string; danger?: boolean }) {
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
