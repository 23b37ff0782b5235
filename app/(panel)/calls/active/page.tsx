import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { callToolChoices, listActiveSessions, mayPlaceCalls } from "@/lib/domains/calls/queries";
import { formatMoney } from "@/lib/domains/billing/money";
import { pricesForDestination } from "@/lib/domains/phone-numbers/catalogue";
import { SectionHeader } from "@/components/ui/page";
import { CallTools } from "../_components/call-tools";
import { ActiveSessions, type ActiveRow } from "./active-sessions";

export const metadata: Metadata = { title: sectionTitle("calls.active_sessions") };

export const dynamic = "force-dynamic";

export default async function ActiveSessionsPage() {
  const actor = await requireSection("calls.active_sessions");
  const [{ items, total }, choices] = await Promise.all([listActiveSessions(actor), mayPlaceCalls(actor) ? callToolChoices(actor) : null]);
  const rows: ActiveRow[] = items.map((s) => {
    const remote = s.direction === "inbound" ? s.from : s.to;
    const perMinute = remote.startsWith("+") ? pricesForDestination(remote)[s.direction === "inbound" ? "callInboundPerMinuteMinor" : "callOutboundPerMinuteMinor"] : 0;
    return {
      id: s.id,
      applicationName: s.applicationName,
      direction: s.direction,
      from: s.from,
      to: s.to,
      ruleName: s.ruleName,
      startedAt: s.startedAt.toISOString(),
      plannedEndAt: s.plannedEndAt.toISOString(),
      perMinute: perMinute > 0 ? formatMoney(perMinute) : null,
    };
  });
  return (
    <>
      <SectionHeader
        section="calls.active_sessions"
        description="Calls and scenario sessions running right now in any of the account's applications, so you can watch them or end a stuck one. The list refreshes every 2 seconds while this tab is visible."
        actions={choices ? <CallTools choices={choices} detailIn="calls" /> : null}
      />
      <ActiveSessions rows={rows} total={total} />
    </>
  );
}
