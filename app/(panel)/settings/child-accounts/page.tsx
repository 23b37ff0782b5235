import type { Metadata } from "next";
import Link from "next/link";
import { requireOwner } from "@/lib/server/guards";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { childAccountsAllowed, listChildAccounts, ownFunds } from "@/lib/domains/child-accounts/queries";
import { formatMoney } from "@/lib/domains/billing/money";
import { routes } from "@/lib/routes";
import type { ChildAccountRow } from "./_components/columns";
import { ChildAccountsTable } from "./_components/child-accounts-table";

export const metadata: Metadata = { title: "Child accounts" };

// The account owner's alone (docs/PRODUCT.md sections 5 and 9): not a matrix section, so the
// guard is requireOwner; subusers get a real 403 whatever their roles.
export default async function ChildAccountsPage() {
  const actor = await requireOwner("child_accounts");
  const header = (
    <PageHeader
      title="Child accounts"
      description="Independent accounts you create and manage: each has its own login, applications, users and balance, and a role that limits what it may do."
    />
  );
  // A Developer or ProvisioningAgent child may not manage child accounts (seed 004): say so rather than fail.
  if (!(await childAccountsAllowed(actor))) {
    return (
      <>
        {header}
        <EmptyState title="Child accounts are not available to this account">
          <p>This account is a child account whose role does not include managing child accounts. The parent account can change its role.</p>
        </EmptyState>
      </>
    );
  }
  const [{ items }, funds] = await Promise.all([listChildAccounts(actor, { count: 1000 }), ownFunds(actor)]);
  const rows: ChildAccountRow[] = items.map((c) => ({
    id: c.id,
    name: c.name,
    email: c.email,
    role: c.role,
    active: c.active,
    balanceMinor: c.balanceMinor,
    balance: formatMoney(c.balanceMinor, funds.currency),
    createdAt: c.createdAt.toISOString(),
  }));

  return (
    <>
      {header}
      <Card className="mb-6">
        <h2 className="text-sm font-semibold text-slate-900">Working inside a child account</h2>
        <p className="mt-1 text-sm text-slate-600">
          A child account has its own panel: open it by logging in as the child at{" "}
          <Link href={routes.login} className="font-medium text-brand-700 hover:underline">
            the login page
          </Link>{" "}
          with its email and password. Through the Management API, keys you created reach it with the child&apos;s id as the token&apos;s <code>iss</code>; your
          subusers&apos; keys never do. Suspending a child ends its open sessions and stops its logins and API calls until you reactivate it.
        </p>
      </Card>
      <ChildAccountsTable rows={rows} funds={funds} />
    </>
  );
}
