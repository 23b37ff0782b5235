"use client";
import { Field, FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { changeOwnPasswordAction } from "../actions";
import { PASSWORD_RULE } from "@/lib/auth/password-rule";

export function ChangePasswordForm() {
  const toast = useToast();
  const form = useActionForm(changeOwnPasswordAction, {
    fields: ["currentPassword", "newPassword", "confirmPassword"],
    toInput: (f) => ({
      currentPassword: formText(f, "currentPassword"),
      newPassword: formText(f, "newPassword"),
      confirmPassword: formText(f, "confirmPassword"),
    }),
    onSuccess: (_data, el) => {
      el?.reset();
      toast("Password changed. Your other sessions were ended.");
    },
  });
  const { fieldErrors } = form;
  return (
    <form {...form.formProps} className="max-w-md space-y-4">
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={fieldErrors.currentPassword} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" required error={fieldErrors.newPassword} hint={`${PASSWORD_RULE}.`} />
      <Field label="Repeat the new password" name="confirmPassword" type="password" autoComplete="new-password" required error={fieldErrors.confirmPassword} />
      <FormError message={form.formError} />
      <SubmitButton pending={form.pending}>Change password</SubmitButton>
    </form>
  );
}
