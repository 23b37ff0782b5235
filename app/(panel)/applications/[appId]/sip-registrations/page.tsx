import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.sip_registrations", params);

export default async function AppSipRegistrationsPage({ params }: Props) {
  const actor = await requireSection("application.sip_registrations");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.sip_registrations" description="SIP registrations of this application with external PBXs and SIP providers.">
      <EmptyState title="No SIP registrations yet">
        <p>SIP registrations are created in a later release.</p>
      </EmptyState>
    </ApplicationFrame>
  );
}
