"use client";
import { MoneyMoveFields } from "@/components/forms/money-move-fields";
import { FormDialog } from "@/components/forms/form-dialog";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { formatMoney } from "@/lib/domains/billing/money";
import type { UserTransferDirection } from "@/lib/domains/app-users/schemas";
import { transferToAppUserAction } from "../actions";
import type { AccountFunds, UserRow } from "./columns";

type Props = { appId: number; user: UserRow; direction: UserTransferDirection; funds: AccountFunds; onClose: () => void; returnFocusTo: HTMLElement | null };

/**
 * Top up a user's separate balance from the account's, or move some of it back (PRODUCT.md
 * section 4). Both balances are as of the page's load; the server checks them again.
 */
export function MoveUserBalanceDialog({ appId, user, direction, funds, onClose, returnFocusTo }: Props) {
  const toast = useToast();
  const toUser = direction === "to_user";
  const form = useActionForm(transferToAppUserAction, {
    fields: ["amount"],
    toInput: (f) => ({ applicationId: appId, userId: user.id, direction, amount: formText(f, "amount") }),
    onSuccess: (t) => {
      const moved = formatMoney(t.amountMinor, t.currency);
      toast(
        t.direction === "to_user"
          ? `Moved ${moved} to ${t.name}; its balance is ${formatMoney(t.balanceMinor, t.currency)}`
          : `Moved ${moved} from ${t.name} back to the account; the account's balance is ${formatMoney(t.accountBalanceMinor, t.currency)}`,
      );
      onClose();
    },
  });
  return (
    <FormDialog
      title={toUser ? `Top up ${user.name}'s balance` : `Move ${user.name}'s balance back`}
      description={
        toUser
          ? "The amount leaves the account's balance for the user's own, which its calls spend. The account's transactions show it."
          : "The amount leaves the user's own balance for the account's. The account's transactions show it."
      }
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Move"
    >
      <MoneyMoveFields
        testId="user-balance-funds"
        balances={[
          ["Account's balance", formatMoney(funds.balanceMinor, funds.currency)],
          [`${user.name}'s balance`, user.balance],
        ]}
        currency={funds.currency}
        error={form.fieldErrors.amount}
        hint={toUser ? "Only the account's balance funds a top-up, not its credit limit." : `At most ${user.balance}.`}
      />
    </FormDialog>
  );
}
