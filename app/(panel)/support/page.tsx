import { countOf } from "@/lib/core/format";
import type { Metadata } from "next";
import Link from "next/link";
import type { Route } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { sectionHref } from "@/lib/routes";
import { DAY_MS } from "@/lib/core/day-range";
import { supportChecks, ticketSummary } from "@/lib/domains/support/queries";
import { Card, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("support") };


/**
 * Help (MainAccount, Admin, Support): what went wrong since yesterday (UTC) in the sections the
 * reader's roles open, each linking to the filtered list, and the way to the support team: the
 * account's tickets for whoever holds support.tickets (the account owner), else who can open one.
 */
export default async function SupportPage() {
  const actor = await requireSection("support");
  const now = new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - DAY_MS);
  const [checks, tickets] = await Promise.all([supportChecks(actor, since), ticketSummary(actor)]);
  const problems = checks.filter((c) => c.count > 0);
  return (
    <>
      <SectionHeader section="support" description="Find what went wrong in the account, and ask the support team of this installation for help." />
      <div className="grid max-w-5xl gap-6 lg:grid-cols-2">
        <Card aria-labelledby="checks-title" data-support-checks="">
          <h2 id="checks-title" className="text-base font-semibold text-slate-900">
            Since yesterday, 00:00 UTC
          </h2>
          {checks.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">Your roles open none of the sections these checks read (Calls, Logs).</p>
          ) : problems.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700" data-support-all-clear="">
              Nothing went wrong: no failed, refused or erroring calls{can(actor, "logs") ? ", and no refused actions" : ""}.
            </p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100">
              {problems.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-4 py-2 text-sm" data-support-check={c.id}>
                  <span className="text-slate-800">{c.label}</span>
                  <Link href={`${sectionHref(c.section)}?${new URLSearchParams(c.filter)}` as Route} className="shrink-0 font-medium text-brand-700 hover:underline tabular-nums">
                    {c.section === "calls" ? countOf(c.count, "call", "calls") : countOf(c.count, "action", "actions")}
                    <span className="sr-only"> in {sectionTitle(c.section)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="ask-title">
          <h2 id="ask-title" className="text-base font-semibold text-slate-900">
            Ask the support team
          </h2>
          {tickets ? (
            <>
              <p className="mt-2 text-sm text-slate-700" data-support-tickets-summary="">
                {tickets.answered > 0 ? `${countOf(tickets.answered, "ticket has", "tickets have")} an answer waiting for you. ` : ""}
                {tickets.open > 0 ? `${countOf(tickets.open, "ticket waits", "tickets wait")} for the support team.` : tickets.answered === 0 ? "No ticket is open." : ""}
              </p>
              <p className="mt-3">
                <Link href={sectionHref("support.tickets")} className="font-medium text-brand-700 hover:underline">
                  {sectionTitle("support.tickets")}: open a ticket or follow one up
                </Link>
              </p>
            </>
          ) : (
            <p className="mt-2 text-sm text-slate-700">
              The account owner opens support tickets and reads the answers. Send them what you found here: the call session ids, numbers and times (UTC).
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
