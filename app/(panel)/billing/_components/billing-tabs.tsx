import Link from "next/link";
import { cn } from "@/lib/core/cn";
import { BILLING_TABS, routes, type BillingTab } from "@/lib/routes";

const LABELS: Record<BillingTab, string> = {
  transactions: "Transactions",
  "top-up": "Top-up",
  receipts: "Receipts",
  invoices: "Invoices",
  settings: "Settings",
  verification: "Verification",
};

/** Billing's tabs: links (each tab is its own URL, ?tab=…), the current one marked for screen readers. */
export function BillingTabs({ current }: { current: BillingTab }) {
  return (
    <nav aria-label="Billing" className="-mx-1 overflow-x-auto border-b border-slate-200">
      <ul className="flex min-w-max gap-1 px-1">
        {BILLING_TABS.map((t) => (
          <li key={t}>
            <Link
              href={routes.billingTab(t)}
              aria-current={t === current ? "page" : undefined}
              data-tab={t}
              className={cn(
                "-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium",
                t === current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {LABELS[t]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
