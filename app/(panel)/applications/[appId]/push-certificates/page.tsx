import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.push_certificates", params);

export default async function PushCertificatesPage({ params }: Props) {
  const actor = await requireSection("application.push_certificates");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.push_certificates" description="Apple and Google push credentials the platform uses to wake the application's mobile clients for incoming calls.">
      <EmptyState title="No push certificates yet">
        <p>Uploading push certificates arrives in a later release.</p>
      </EmptyState>
    </ApplicationFrame>
  );
}
