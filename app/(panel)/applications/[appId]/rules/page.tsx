import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.rules", params);

export default async function RulesPage({ params }: Props) {
  const actor = await requireSection("application.rules");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.rules" description="Rules match incoming calls and messages by pattern and start the scenarios they name.">
      <EmptyState title="No rules yet">
        <p>Rules arrive together with scenarios, in a later release.</p>
      </EmptyState>
    </ApplicationFrame>
  );
}
