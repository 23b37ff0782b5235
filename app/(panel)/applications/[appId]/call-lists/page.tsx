import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.call_lists", params);

export default async function CallListsPage({ params }: Props) {
  const actor = await requireSection("application.call_lists");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.call_lists" description="Call lists run a scenario for each line of an uploaded CSV file, for outbound campaigns.">
      <EmptyState title="No call lists yet">
        <p>Creating call lists and appending lines to them arrive together with scenarios, in a later release.</p>
      </EmptyState>
    </ApplicationFrame>
  );
}
