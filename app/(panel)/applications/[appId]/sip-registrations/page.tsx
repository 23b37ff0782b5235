import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";

export const metadata: Metadata = { title: "SIP registrations" };

export default async function AppSipRegistrationsPage({ params }: { params: Promise<{ appId: string }> }) {
  const actor = await requireSection("application.sip_registrations");
  // 404 for another account's application, before anything is shown.
  await loadApplication(actor, (await params).appId);
  return (
    <>
      <PageHeader title="SIP registrations" description="SIP registrations of this application with external PBXs and SIP providers." />
      <EmptyState title="No SIP registrations yet">
        <p>SIP registrations are created in a later release.</p>
      </EmptyState>
    </>
  );
}
