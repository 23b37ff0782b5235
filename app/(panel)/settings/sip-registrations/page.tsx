import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("sip_registrations") };

export default async function SipRegistrationsPage() {
  await requireSection("sip_registrations");
  return (
    <>
      <SectionHeader
        section="sip_registrations"
        description="Every SIP registration of the account, across applications: the platform registers with your PBX or SIP provider so calls to it arrive here."
      />
      <EmptyState title="No SIP registrations">Creating SIP registrations arrives in a later release; each application will also list its own.</EmptyState>
    </>
  );
}
