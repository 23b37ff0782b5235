"use client";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { countOf } from "@/lib/core/format";
import { setRequireTwoStepAction } from "../actions";

/**
 * "Require two-step verification for subusers": the account owner's switch on Settings →
 * Security. `ownerOn`: the owner's own login has it (a requirement needs that first).
 */
export function RequireTwoStep({ required, ownerOn }: { required: boolean; ownerOn: boolean }) {
  const toast = useToast();
  const set = useAction(setRequireTwoStepAction, {
    onSuccess: (r) =>
      toast(
        r.required
          ? r.subusersDue > 0
            ? `Required: ${countOf(r.subusersDue, "subuser")} without it must set it up before anything else, from their next click`
            : "Required: every subuser already has it on"
          : "Subusers are no longer required to use two-step verification",
      ),
    onError: (m) => toast(m, "error"),
  });
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3">
      <Button
        variant={required ? "secondary" : "primary"}
        size="sm"
        disabled={set.pending || (!required && !ownerOn)}
        onClick={() => set.run({ required: !required })}
        data-action="security"
        data-testid="require-two-step"
      >
        {required ? "Stop requiring it" : "Require it of every subuser"}
      </Button>
      {!required && !ownerOn ? <span className="text-xs text-slate-600">Turn it on for your own login in Profile first.</span> : null}
    </div>
  );
}
