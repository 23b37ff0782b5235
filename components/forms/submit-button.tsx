"use client";
import { LoaderCircle } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";

/**
 * The kit's one pending style: while the form's action runs, the submit button is disabled,
 * shows a spinner and says "Saving…" (or `pendingLabel`), and is marked aria-busy.
 */
export function SubmitButton({
  pending,
  children,
  pendingLabel = "Saving…",
  ...props
}: ButtonProps & { pending: boolean; pendingLabel?: string }) {
  return (
    <Button {...props} type="submit" disabled={pending || props.disabled} aria-busy={pending || undefined} data-pending={pending || undefined}>
      {pending ? (
        <>
          <LoaderCircle className="size-4 animate-spin" aria-hidden />
          {pendingLabel}
        </>
      ) : (
        children
      )}
    </Button>
  );
}
