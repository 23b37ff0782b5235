import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.queues", params);

export default async function QueuesPage({ params }: Props) {
  const actor = await requireSection("application.queues");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.queues" description="SmartQueue queues that distribute calls and chats to operators with the right skills.">
      <EmptyState title="No queues yet">
        <p>Queues and operator skills arrive in a later release.</p>
      </EmptyState>
    </ApplicationFrame>
  );
}
