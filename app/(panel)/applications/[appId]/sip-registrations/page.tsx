import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { bindableRules, listSipRegistrations } from "@/lib/domains/sip-registrations/queries";
import { sipRegistrationRow } from "@/app/(panel)/settings/sip-registrations/_components/rows";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import { AppSipView } from "./_components/app-sip-view";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.sip_registrations", params);

export default async function AppSipRegistrationsPage({ params }: Props) {
  const actor = await requireSection("application.sip_registrations");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  // Every registration of the account (at most MAX_SIP_REGISTRATIONS): this application's are
  // listed, the others are offered under "Bind a registration".
  const [{ items }, rules] = await Promise.all([listSipRegistrations(actor, { count: 1000 }, "application.sip_registrations"), bindableRules(actor, app.id)]);
  const rows = items.map(sipRegistrationRow);
  return (
    <ApplicationFrame
      actor={actor}
      app={app}
      section="application.sip_registrations"
      description="SIP registrations whose calls come to this application: the platform is registered as a user of your PBX or SIP provider, and calls to that user run one of this application's rules or reach one of its users."
    >
      <AppSipView
        applicationId={app.id}
        rows={rows.filter((r) => r.applicationId === app.id)}
        others={rows.filter((r) => r.applicationId !== app.id)}
        rules={rules.map((r) => ({ id: r.id, label: r.name }))}
        canManage={can(actor, "sip_registrations")}
      />
    </ApplicationFrame>
  );
}
