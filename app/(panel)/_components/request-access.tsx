"use client";
import { useState } from "react";
import { Send } from "lucide-react";
import { FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import type { SectionId } from "@/lib/access/matrix";
import { requestAccessAction } from "../notifications/actions";

/** The 403 page's way forward for a subuser: ask the account owner for the section. */
export function RequestAccess({ section }: { section: SectionId }) {
  const [sent, setSent] = useState<null | "new" | "again">(null);
  const form = useActionForm(requestAccessAction, {
    fields: [],
    toInput: () => ({ section }),
    onSuccess: (r) => setSent(r.created ? "new" : "again"),
  });
  if (sent) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200" data-testid="access-requested">
        {sent === "new"
          ? "Request sent. The account owner sees it under Notifications and can give you one of these roles."
          : "Your request is already with the account owner."}
      </p>
    );
  }
  return (
    <form {...form.formProps} className="space-y-3">
      <FormError message={form.formError} />
      <SubmitButton pending={form.pending} pendingLabel="Sending…" data-action="request-access">
        <Send className="size-4" aria-hidden />
        Request access
      </SubmitButton>
    </form>
  );
}
