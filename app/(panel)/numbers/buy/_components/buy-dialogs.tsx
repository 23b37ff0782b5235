"use client";
// The buy page's confirmations: buying states what is charged now (each number's setup fee and
// first month) and, for principals holding Billing, the balance before and after; it refuses
// before anything is posted when the account must be verified first or the balance (plus the
// credit limit) cannot cover it, pointing to Billing. The server checks both again, all or nothing.
import Link from "next/link";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogFooter } from "@/components/ui/dialog";
import { FormError } from "@/components/forms/fields";
import { ConfirmDialog } from "@/components/forms/form-dialog";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { formatMoney } from "@/lib/domains/billing/money";
import { buyNumbersAction, reserveNumbersAction } from "../actions";

export type BuyPick = { id: number; display: string; countryName: string; setupPriceMinor: number; monthlyPriceMinor: number; verificationRequired: boolean };
export type Money = { currency: string; verified: boolean; funds: { balanceMinor: number; creditLimitMinor: number } | null };
type Common = { onClose: () => void; returnFocusTo: HTMLElement | null };

const count = (n: number) => (n === 1 ? "1 number" : `${n} numbers`);

/** What buying `picks` costs now and whether the account can: the confirmation's figures. */
export function quote(picks: BuyPick[], money: Money) {
  const totalMinor = picks.reduce((sum, p) => sum + p.setupPriceMinor + p.monthlyPriceMinor, 0);
  const unverified = money.verified ? [] : [...new Set(picks.filter((p) => p.verificationRequired).map((p) => p.countryName))];
  const availableMinor = money.funds ? money.funds.balanceMinor + money.funds.creditLimitMinor : null;
  const covered = availableMinor === null || totalMinor <= availableMinor;
  return { totalMinor, unverified, availableMinor, covered, balanceAfterMinor: money.funds ? money.funds.balanceMinor - totalMinor : null };
}

export function BuyDialog({ picks, money, billingHref, listHref, onDone, ...props }: Common & { picks: BuyPick[]; money: Money; billingHref: Route | null; listHref: Route; onDone: () => void }) {
  const toast = useToast();
  const router = useRouter();
  const q = quote(picks, money);
  const fmt = (minor: number) => formatMoney(minor, money.currency);
  const form = useActionForm(buyNumbersAction, {
    fields: [],
    toInput: () => ({ numberIds: picks.map((p) => p.id) }),
    onSuccess: (r) => {
      toast(`Bought ${count(r.count)} for ${fmt(r.chargedMinor)}`);
      onDone();
      props.onClose();
      router.push(listHref);
    },
  });
  const refusal =
    q.unverified.length > 0
      ? `Numbers in ${q.unverified.join(", ")} can be bought only by a verified account. Complete the account verification on the Billing page first.`
      : !q.covered
        ? `The balance cannot cover this purchase: it costs ${fmt(q.totalMinor)} now and ${fmt(Math.max(0, q.availableMinor ?? 0))} is available (the balance plus the credit limit). Top up the balance on the Billing page first.`
        : null;
  return (
    <Dialog open onOpenChange={(o) => !o && props.onClose()} title={`Buy ${count(picks.length)}?`} description="Each number costs its setup fee and its first month's rent now, then its monthly rent on each renewal." returnFocusTo={props.returnFocusTo} size="lg">
      <form {...form.formProps} className="flex min-h-0 flex-1 flex-col" data-testid="buy-dialog">
        <DialogBody>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Numbers to buy</caption>
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-1 font-medium">Number</th>
                <th scope="col" className="py-1 text-right font-medium">Setup</th>
                <th scope="col" className="py-1 text-right font-medium">First month</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {picks.map((p) => (
                <tr key={p.id}>
                  <td className="py-1 tabular-nums">{p.display}</td>
                  <td className="py-1 text-right tabular-nums">{fmt(p.setupPriceMinor)}</td>
                  <td className="py-1 text-right tabular-nums">{fmt(p.monthlyPriceMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm">
            <dt className="font-medium text-slate-800">Charged now</dt>
            <dd className="text-right font-semibold tabular-nums text-slate-900" data-testid="buy-total">
              {fmt(q.totalMinor)}
            </dd>
            {money.funds ? (
              <>
                <dt className="text-slate-600">Balance now</dt>
                <dd className="text-right tabular-nums">{fmt(money.funds.balanceMinor)}</dd>
                <dt className="text-slate-600">Balance after</dt>
                <dd className="text-right tabular-nums" data-testid="buy-balance-after">
                  {fmt(q.balanceAfterMinor!)}
                </dd>
              </>
            ) : (
              <dd className="col-span-2 text-xs text-slate-600">Charged to the account&apos;s balance.</dd>
            )}
          </dl>
          {refusal ? (
            <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" data-testid="buy-refusal">
              <p>{refusal}</p>
              {billingHref ? (
                <Link href={billingHref} className="mt-1 inline-block font-medium underline">
                  Go to Billing
                </Link>
              ) : (
                <p className="mt-1">Ask someone who holds Billing to do it.</p>
              )}
            </div>
          ) : null}
          <FormError message={form.formError} />
        </DialogBody>
        <DialogFooter>
          <Button variant="secondary" onClick={props.onClose} data-autofocus="">
            {refusal ? "Close" : "Cancel"}
          </Button>
          {refusal ? null : (
            <SubmitButton pending={form.pending} pendingLabel="Buying…" data-action="numbers.purchase">
              Buy for {fmt(q.totalMinor)}
            </SubmitButton>
          )}
        </DialogFooter>
      </form>
    </Dialog>
  );
}

export function ReserveDialog({ picks, days, reservedHref, onDone, ...props }: Common & { picks: { id: number; display: string }[]; days: number; reservedHref: Route; onDone: () => void }) {
  const toast = useToast();
  const router = useRouter();
  const form = useActionForm(reserveNumbersAction, {
    fields: [],
    toInput: () => ({ numberIds: picks.map((p) => p.id) }),
    onSuccess: (r) => {
      toast(`Reserved ${count(r.count)} for ${days} days`);
      onDone();
      props.onClose();
      router.push(reservedHref);
    },
  });
  return (
    <ConfirmDialog
      {...props}
      title={`Reserve ${count(picks.length)} for ${days} days?`}
      description={`Nothing is charged now. The account holds them for ${days} days; buy them from Reserved numbers before then, or they go back to the catalogue.`}
      form={form}
      submitLabel={`Reserve for ${days} days`}
      danger={false}
    >
      <ul className="list-inside list-disc text-sm text-slate-700">
        {picks.map((p) => (
          <li key={p.id} className="tabular-nums">
            {p.display}
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}
