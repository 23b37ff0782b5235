"use client";
import { Field, FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { Card } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { updateBillingSettingsAction } from "../actions";
import { formatMoney, minorToMajor } from "@/lib/domains/billing/money";

type Settings = { currency: string; lowBalanceThresholdMinor: number; creditLimitMinor: number };

/**
 * The Settings tab: the low-balance threshold (any holder of Billing) and the credit limit, which
 * only the account owner's own login may change (a credit lets the account spend money it does
 * not have); everyone else sees it read-only.
 */
export function SettingsTab({ settings, isOwner }: { settings: Settings; isOwner: boolean }) {
  const toast = useToast();
  const { currency } = settings;
  const form = useActionForm(updateBillingSettingsAction, {
    fields: isOwner ? ["lowBalanceThreshold", "creditLimit"] : ["lowBalanceThreshold"],
    toInput: (f) => ({ lowBalanceThreshold: formText(f, "lowBalanceThreshold"), ...(isOwner ? { creditLimit: formText(f, "creditLimit") } : {}) }),
    onSuccess: () => toast("Billing settings saved"),
  });
  return (
    <Card className="max-w-xl">
      <form {...form.formProps} className="space-y-5" data-testid="billing-settings">
        <Field
          label={`Low-balance alert threshold (${currency})`}
          name="lowBalanceThreshold"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={minorToMajor(settings.lowBalanceThresholdMinor)}
          error={form.fieldErrors.lowBalanceThreshold}
          hint="When a charge takes the balance below this, everyone with Notifications is told once. 0 turns the alert off."
        />
        {isOwner ? (
          <Field
            label={`Credit limit (${currency})`}
            name="creditLimit"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={minorToMajor(settings.creditLimitMinor)}
            error={form.fieldErrors.creditLimit}
            hint="How far below zero charges may take the balance. 0: never below zero. Only the account owner can change it."
          />
        ) : (
          <div className="space-y-1" data-testid="credit-limit-readonly">
            <p className="text-sm font-medium text-slate-700">Credit limit</p>
            <p className="text-sm tabular-nums text-slate-900">{formatMoney(settings.creditLimitMinor, currency)}</p>
            <p className="text-xs text-slate-600">Only the account owner can change the credit limit.</p>
          </div>
        )}
        <FormError message={form.formError} />
        <SubmitButton pending={form.pending}>Save settings</SubmitButton>
      </form>
    </Card>
  );
}
