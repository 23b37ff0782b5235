import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { sectionHref } from "@/lib/routes";
import { EmptyState, SectionHeader } from "@/components/ui/page";
import { callerIdsAllowed, listCallerIds } from "@/lib/domains/caller-ids/queries";
import { MAX_CALLER_IDS, VERIFIED_FOR_DAYS } from "@/lib/domains/caller-ids/schemas";
import { callerIdRow } from "./_components/row";
import { CallerIdsView } from "./_components/caller-ids-view";

export const metadata: Metadata = { title: sectionTitle("caller_ids") };

export default async function CallerIdsPage() {
  const actor = await requireSection("caller_ids");
  const header = (
    <SectionHeader
      section="caller_ids"
      description={`Phone numbers you own outside the platform, verified by a call with a code, that outgoing calls and SMS may show as the caller. A verification lasts ${VERIFIED_FOR_DAYS} days.`}
    />
  );
  // A Developer child account may not use caller IDs at all (seed 004): say so rather than fail.
  if (!(await callerIdsAllowed(actor))) {
    return (
      <>
        {header}
        <EmptyState title="Caller IDs are not available to this account">
          <p>This account is a child account whose role does not include caller IDs. The parent account can change its role.</p>
        </EmptyState>
      </>
    );
  }
  const { items } = await listCallerIds(actor);
  return (
    <>
      {header}
      <CallerIdsView
        rows={items.map(callerIdRow)}
        notificationsHref={can(actor, "notification_history") ? sectionHref("notification_history") : null}
        atLimit={items.length >= MAX_CALLER_IDS}
      />
    </>
  );
}
