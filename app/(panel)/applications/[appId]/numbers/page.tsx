import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.phone_numbers", params);

export default async function AppNumbersPage({ params }: Props) {
  const actor = await requireSection("application.phone_numbers");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.phone_numbers" description="Phone numbers attached to this application: calls to them are routed by its rules.">
      <EmptyState title="No numbers attached yet">
        <p>Numbers are bought and attached to applications from My numbers once number purchase arrives.</p>
      </EmptyState>
    </ApplicationFrame>
  );
}
