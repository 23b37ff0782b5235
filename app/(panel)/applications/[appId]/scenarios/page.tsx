import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.scenarios", params);

export default async function ScenariosPage({ params }: Props) {
  const actor = await requireSection("application.scenarios");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.scenarios" description="JavaScript scenarios that run on the platform when a call or message reaches this application.">
      <EmptyState title="No scenarios yet">
        <p>Scenarios are written and uploaded in a later release; routing rules will then start them.</p>
      </EmptyState>
    </ApplicationFrame>
  );
}
