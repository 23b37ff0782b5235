"use client";
import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { FieldErrors } from "@/lib/server/action";
import { changeOwnPasswordAction } from "../actions";
import { PASSWORD_RULE } from "@/lib/auth/password-rule";

export function ChangePasswordForm() {
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  return (
    <form
      ref={formRef}
      noValidate
      className="max-w-md space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const value = (k: string) => String(form.get(k) ?? "");
        startTransition(async () => {
          const r = await changeOwnPasswordAction({
            currentPassword: value("currentPassword"),
            newPassword: value("newPassword"),
            confirmPassword: value("confirmPassword"),
          });
          if (r.ok) {
            setFieldErrors({});
            setFormError(undefined);
            formRef.current?.reset();
            toast("Password changed. Your other sessions were ended.");
          } else {
            setFieldErrors(r.fieldErrors ?? {});
            setFormError(r.formError);
          }
        });
      }}
    >
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={fieldErrors.currentPassword} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        error={fieldErrors.newPassword}
        hint={`${PASSWORD_RULE}.`}
      />
      <Field label="Repeat the new password" name="confirmPassword" type="password" autoComplete="new-password" required error={fieldErrors.confirmPassword} />
      <FormError message={formError} />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
