import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { can, roleLabel } from "@/lib/access/matrix";
import { getDashboardOverview } from "@/lib/domains/dashboard/queries";
import { formatMoney } from "@/lib/domains/billing/money";
import { NAV } from "@/lib/nav";
import { NavIcon } from "@/components/shell/nav-icon";
import { Card, PageHeader } from "@/components/ui/page";
import { sectionHref } from "@/lib/routes";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireSection("control_panel");
  const overview = await getDashboardOverview(actor);
  const count = (n: number) => n.toLocaleString("en-US");
  const stats = [
    { id: "applications", label: "Applications", value: count(overview.applications), link: "View applications", href: can(actor, "applications") ? sectionHref("applications") : null },
    { id: "app-users", label: "Application users", value: count(overview.appUsers), link: "", href: null },
    { id: "subusers", label: "Subusers", value: count(overview.subusers), link: "View subusers", href: can(actor, "subusers") ? sectionHref("subusers") : null },
    { id: "balance", label: "Balance", value: formatMoney(overview.balanceMinor), link: "View the ledger", href: can(actor, "billing") ? sectionHref("billing") : null },
  ];
  const groups = NAV.map((g) => ({ ...g, items: g.items.filter((i) => i.section !== "control_panel" && can(actor, i.section)) })).filter(
    (g) => g.items.length > 0,
  );
  const who = actor.kind === "owner" ? "the account owner" : `subuser ${actor.name}`;
  const roles = actor.kind === "owner" ? null : actor.roles.map(roleLabel).join(", ");

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Account ${actor.accountName} at a glance. You are signed in as ${who}${roles ? ` with the role${actor.roles.length === 1 ? "" : "s"} ${roles}` : ""}.`}
      />
      <dl className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {stats.map((s) => (
          <Card key={s.id} className="p-4">
            <dt className="text-sm text-slate-500">{s.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-stat={s.id}>
              {s.value}
            </dd>
            {s.href ? (
              <Link href={s.href} className="mt-2 inline-block text-xs font-medium text-brand-700 hover:underline">
                {s.link}
              </Link>
            ) : null}
          </Card>
        ))}
      </dl>

      <h2 className="mb-3 mt-8 text-sm font-semibold uppercase tracking-wide text-slate-500">Your sections</h2>
      {groups.length > 0 ? (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {groups.map((g) => (
            <Card key={g.title} className="p-4">
              <h3 className="text-sm font-semibold text-slate-900">{g.title}</h3>
              <ul className="mt-2 space-y-1">
                {g.items.map((i) => (
                  <li key={i.section}>
                    <Link href={i.href} className="flex items-center gap-2 rounded px-1 py-1 text-sm text-slate-700 hover:bg-slate-50 hover:text-brand-700">
                      <NavIcon name={i.icon} />
                      {i.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </Card>
          ))}
        </div>
      ) : (
        <p className="text-sm text-slate-500">Your roles open no other sections. Ask the account owner if you need more access.</p>
      )}
    </>
  );
}
