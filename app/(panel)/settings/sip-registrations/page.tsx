import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { SectionHeader } from "@/components/ui/page";
import { accountCurrency, listSipRegistrations } from "@/lib/domains/sip-registrations/queries";
import { SIP_REGISTRATION_MONTHLY_PRICE_MINOR } from "@/lib/domains/sip-registrations/client-safe";
import { formatMoney } from "@/lib/domains/billing/money";
import { SipRegistrationsView } from "./_components/sip-registrations-view";
import { sipRegistrationRow } from "./_components/rows";

export const metadata: Metadata = { title: sectionTitle("sip_registrations") };

export default async function SipRegistrationsPage() {
  const actor = await requireSection("sip_registrations");
  // Every registration of the account (at most MAX_SIP_REGISTRATIONS).
  const [{ items }, currency] = await Promise.all([listSipRegistrations(actor, { count: 1000 }), accountCurrency(actor)]);
  return (
    <>
      <SectionHeader
        section="sip_registrations"
        description="Every SIP registration of the account, across applications: the platform registers with your PBX or SIP provider so calls to it arrive here."
      />
      <SipRegistrationsView rows={items.map(sipRegistrationRow)} price={formatMoney(SIP_REGISTRATION_MONTHLY_PRICE_MINOR, currency)} linkApps={can(actor, "application.sip_registrations")} />
    </>
  );
}
