"use client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { useToast } from "@/components/ui/toast";
import { countOf } from "@/lib/core/format";
import { setRequireTwoStepAction } from "../actions";

/**
 * "Require two-step verification for subusers": the account owner's switch on Settings →
 * Security, behind a confirmation that says what it does to whom. `ownerOn`: the owner's own
 * login has it (a requirement needs that first). `subusersWithout`: how many would be stopped.
 */
export function RequireTwoStep({ required, ownerOn, subusersWithout }: { required: boolean; ownerOn: boolean; subusersWithout: number }) {
  const toast = useToast();
  const dialog = useDialog<true>();
  const form = useActionForm(setRequireTwoStepAction, {
    toInput: () => ({ required: !required }),
    onSuccess: (r) => {
      dialog.close();
      toast(
        r.required
          ? r.subusersDue > 0
            ? `Required: ${countOf(r.subusersDue, "subuser")} without it must set it up before anything else, from their next click`
            : "Required: every subuser already has it on"
          : "Subusers are no longer required to use two-step verification",
      );
    },
  });
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3">
      <Button
        variant={required ? "secondary" : "primary"}
        size="sm"
        disabled={!required && !ownerOn}
        onClick={(e) => dialog.open(true, e.currentTarget)}
        data-action="security"
        data-testid="require-two-step"
      >
        {required ? "Stop requiring it" : "Require it of every subuser"}
      </Button>
      {!required && !ownerOn ? <span className="text-xs text-slate-600">Turn it on for your own login in Profile first.</span> : null}
      {dialog.state ? (
        <ConfirmDialog
          title={required ? "Stop requiring two-step verification?" : "Require two-step verification of every subuser?"}
          onClose={dialog.close}
          returnFocusTo={dialog.opener}
          form={form}
          submitLabel={required ? "Stop requiring it" : "Require it"}
          danger={required}
          data-testid="require-two-step-dialog"
        >
          <p className="text-sm text-slate-700">
            {required
              ? "Subusers who have it keep it; new subusers, and any who turn it off, will log in with their password alone."
              : subusersWithout > 0
                ? `${countOf(subusersWithout, "subuser")} without it will be stopped at their next click, even mid-task, until they set it up with an authenticator app. Those who lost their phone need you to turn theirs off in Subusers. API keys are not affected.`
                : "Every subuser has it on already; new subusers will set it up at their first login. API keys are not affected."}
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
