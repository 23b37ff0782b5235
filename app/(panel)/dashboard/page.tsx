import { recoveryCodesLeft } from "@/lib/domains/profile/queries";
import { countOf } from "@/lib/core/format";
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { requireSection } from "@/lib/server/guards";
import { can, type SectionId } from "@/lib/access/matrix";
import { getDashboard, type DashboardOverview } from "@/lib/domains/dashboard/queries";
import { listApplications } from "@/lib/domains/applications/queries";
import { listRecentChanges } from "@/lib/domains/audit-log/queries";
import { formatMoney } from "@/lib/domains/billing/money";
import { NavIcon } from "@/components/shell/nav-icon";
import { Card, PageHeader } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { sectionTitle } from "@/lib/nav";
import { Checklist } from "../_components/checklist";
import { sectionHref } from "@/lib/routes";

export const metadata: Metadata = { title: sectionTitle("control_panel") };

const count = (n: number) => n.toLocaleString("en-US");

/** The figures of the overview, each a card linking to its section (only those the query returned). */
const CARDS: { key: keyof DashboardOverview; label: string; icon: string; link: SectionId; format: (n: number) => string }[] = [
  { key: "applications", label: "Applications", icon: "boxes", link: "applications", format: count },
  { key: "appUsers", label: "Application users", icon: "users", link: "applications", format: count },
  { key: "subusers", label: "Subusers", icon: "users", link: "subusers", format: count },
  { key: "serviceAccounts", label: "Service accounts", icon: "key-round", link: "service_accounts", format: count },
  { key: "balanceMinor", label: "Balance", icon: "wallet", link: "billing", format: formatMoney },
];

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ "recovery-code"?: string | string[] }> }) {
  const actor = await requireSection("control_panel");
  const afterRecoveryCode = (await searchParams)["recovery-code"] === "used";
  const [{ overview, steps }, apps, activity] = await Promise.all([
    getDashboard(actor),
    can(actor, "applications") ? listApplications(actor, { count: 1 }) : null,
    can(actor, "logs") ? listRecentChanges(actor, 8) : null,
  ]);
  const codesLeft = afterRecoveryCode ? await recoveryCodesLeft(actor) : null;
  const firstApp = apps?.items[0];
  const cards = CARDS.filter((c) => overview[c.key] !== undefined && can(actor, c.link));
  const todo = steps.filter((s) => !s.done).length;
  const who = actor.kind === "owner" ? "the account owner" : `subuser ${actor.name} (${actor.roles.join(", ")})`;

  return (
    <>
      <PageHeader title={sectionTitle("control_panel")} description={`Account ${actor.accountName}. You are signed in as ${who}.`} />

      {codesLeft !== null ? (
        <div role="status" className="mb-6 rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="recovery-code-notice">
          <p className="font-medium">You logged in with a recovery code; it cannot be used again. {countOf(codesLeft, "code is", "codes are")} left.</p>
          <p className="mt-1">
            Lost your phone?{" "}
            {can(actor, "profile") ? (
              <>
                In{" "}
                <Link href={sectionHref("profile")} className="font-medium underline">
                  Profile
                </Link>
                , turn two-step verification off and on again with the new phone: that also makes new recovery codes.
              </>
            ) : (
              "Ask the account owner to turn your two-step verification off in Settings → Subusers, then set it up again with the new phone."
            )}
          </p>
        </div>
      ) : null}

      {steps.length > 0 && todo > 0 ? (
        <Card className="mb-6" data-testid="checklist">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-base font-semibold text-slate-900">Get started</h2>
            <p className="text-sm text-slate-600">
              {steps.length - todo} of {steps.length} done
            </p>
          </div>
          <Checklist steps={steps} firstAppId={firstApp?.id ?? null} />
        </Card>
      ) : null}

      {cards.length > 0 ? (
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" aria-label="The account at a glance">
          {cards.map((c) => (
            <li key={c.key}>
              <Link
                href={sectionHref(c.link)}
                className="group block h-full rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-brand-500"
                data-card={c.key}
              >
                <span className="flex items-center gap-2 text-sm text-slate-600">
                  <NavIcon name={c.icon} />
                  {c.label}
                </span>
                <span className="mt-1 block text-2xl font-semibold tabular-nums text-slate-900" data-stat={c.key}>
                  {c.format(overview[c.key]!)}
                </span>
                <span className="mt-2 inline-flex items-center gap-1 text-xs font-medium text-brand-700 group-hover:underline">
                  {c.label === sectionTitle(c.link) ? "Open" : `In ${sectionTitle(c.link)}`}
                  <ArrowRight className="size-3" aria-hidden />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}

      {activity ? (
        <Card className="mt-6" data-testid="recent-activity">
          <div className="flex items-baseline justify-between gap-2">
            <h2 className="text-base font-semibold text-slate-900">Recent changes</h2>
            <Link href={sectionHref("logs")} className="text-sm font-medium text-brand-700 hover:underline">
              All of {sectionTitle("logs")}
            </Link>
          </div>
          {activity.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">Nothing has changed in the account yet.</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100">
              {activity.map((r) => (
                <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2.5 text-sm">
                  <span className="min-w-0 text-slate-800" data-audit-sentence>
                    {r.sentence}
                  </span>
                  <DateTime value={r.createdAt} className="shrink-0 whitespace-nowrap text-xs text-slate-600" />
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </>
  );
}
