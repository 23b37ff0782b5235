import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { applicationFullName, listApplications } from "@/lib/domains/applications/queries";
import { APP_TABS, appTabHref } from "@/lib/nav";
import { SectionHeader } from "@/components/ui/page";
import { ApplicationsTable, type ApplicationRow } from "./_components/applications-table";

export const metadata: Metadata = { title: sectionTitle("applications") };

export default async function ApplicationsPage() {
  const actor = await requireSection("applications");
  const { items } = await listApplications(actor);
  // Some principals see this list without the application page itself (CallListManager,
  // UserManager): each row links to the first per-application section the actor holds.
  const firstTab = APP_TABS.find((t) => can(actor, t.section));
  const rows: ApplicationRow[] = items.map((a) => ({
    id: a.id,
    name: a.name,
    fullName: a.fullName,
    userCount: a.userCount,
    createdAt: a.createdAt.toISOString(),
    href: firstTab ? appTabHref(a.id, firstTab.section) : null,
  }));
  const canManage = can(actor, "applications");
  return (
    <>
      <SectionHeader
        section="applications"
        description="Applications group the scenarios, rules, users and numbers of one service. Each is addressed by its full name."
      />
      <ApplicationsTable rows={rows} canManage={canManage} domainSuffix={applicationFullName("", actor.accountName)} />
    </>
  );
}
