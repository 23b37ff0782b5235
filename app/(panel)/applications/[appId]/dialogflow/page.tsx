import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.dialogflow_agents", params);

export default async function DialogflowPage({ params }: Props) {
  const actor = await requireSection("application.dialogflow_agents");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.dialogflow_agents" description="Dialogflow agents that scenarios of this application can talk to.">
      <EmptyState title="No Dialogflow agents yet">
        <p>Connecting Dialogflow agents arrives in a later release.</p>
      </EmptyState>
    </ApplicationFrame>
  );
}
