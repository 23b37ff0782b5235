import type { Metadata } from "next";
import Link from "next/link";
import type { Route } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { sectionHref } from "@/lib/routes";
import { cn } from "@/lib/core/cn";
import { listBlacklist, listBlockedNumbers, numberMoneyContext } from "@/lib/domains/phone-numbers/queries";
import { formatPhoneNumber } from "@/lib/domains/phone-numbers/catalogue";
import { formatMoney } from "@/lib/domains/billing/money";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { SectionHeader } from "@/components/ui/page";
import { BlockedTable, type BlockedRow } from "./_components/blocked-table";
import { BlacklistView, type BlacklistRow } from "./_components/blacklist-view";

export const metadata: Metadata = { title: sectionTitle("numbers.blocked") };

const TABS = [
  { id: "numbers", title: "Blocked numbers", href: "/numbers/blocked" },
  { id: "blacklist", title: "PSTN blacklist", href: "/numbers/blocked?tab=blacklist" },
] as const;

export default async function BlockedNumbersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("numbers.blocked");
  const raw = await searchParams;
  const tab = raw.tab === "blacklist" ? "blacklist" : "numbers";
  return (
    <>
      <SectionHeader
        section="numbers.blocked"
        description="The account's numbers blocked for unpaid rent or missing verification, and the PSTN blacklist: callers whose inbound calls are refused."
      />
      <nav aria-label="Blocked numbers tabs" className="-mt-2 mb-6 flex gap-1 border-b border-slate-200">
        {TABS.map((t) => (
          <Link
            key={t.id}
            href={t.href as Route}
            aria-current={tab === t.id ? "page" : undefined}
            className={cn(
              "-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
              tab === t.id ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800",
            )}
          >
            {t.title}
          </Link>
        ))}
      </nav>
      {tab === "numbers" ? await blockedTab(actor) : await blacklistTab(actor, raw)}
    </>
  );
}

async function blockedTab(actor: Awaited<ReturnType<typeof requireSection>>) {
  const [numbers, money] = await Promise.all([listBlockedNumbers(actor), numberMoneyContext(actor, "numbers.blocked")]);
  const rows: BlockedRow[] = numbers.map((n) => ({
    id: n.id,
    number: n.number,
    display: formatPhoneNumber(n.number),
    where: `${n.countryName} · ${n.regionName}`,
    reason: n.blockedReason === "verification" ? "verification" : "unpaid",
    blockedAt: n.blockedAt?.toISOString() ?? null,
    releaseAt: n.releaseAt?.toISOString() ?? null,
    rentMinor: n.monthlyPriceMinor,
    rent: formatMoney(n.monthlyPriceMinor, money.currency),
  }));
  return <BlockedTable rows={rows} money={money} billingHref={can(actor, "billing") ? sectionHref("billing") : null} />;
}

async function blacklistTab(actor: Awaited<ReturnType<typeof requireSection>>, raw: RawSearchParams) {
  const requested = parseListParams(raw, { sort: ["phone"] });
  // Entries are "+" and digits: search by those ("+1 900" searches +1900).
  const part = requested.q.replace(/[^\d+]/g, "");
  const matchesNothing = Boolean(requested.q.trim()) && !part;
  const fetchPage = (list: typeof requested) =>
    matchesNothing ? Promise.resolve({ items: [], total: 0 }) : listBlacklist(actor, { phonePart: part || undefined, offset: skipOf(list), count: list.size });
  const firstPage = await fetchPage(requested);
  const last = lastPageOf(firstPage.total, requested.size);
  const list = requested.page > last ? { ...requested, page: last } : requested;
  const { items, total } = list === requested ? firstPage : await fetchPage(list);
  const empty = total === 0 && !requested.q;
  const rows: BlacklistRow[] = items.map((e) => ({ id: e.id, phone: e.phone, isPrefix: e.isPrefix, reason: e.reason, createdAt: e.createdAt.toISOString() }));
  return <BlacklistView rows={rows} total={total} params={list} empty={empty} />;
}
