import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";

export const metadata: Metadata = { title: "Push certificates" };

export default async function PushCertificatesPage({ params }: { params: Promise<{ appId: string }> }) {
  const actor = await requireSection("application.push_certificates");
  // 404 for another account's application, before anything is shown.
  await loadApplication(actor, (await params).appId);
  return (
    <>
      <PageHeader title="Push certificates" description="Apple and Google push credentials the platform uses to wake the application's mobile clients for incoming calls." />
      <EmptyState title="No push certificates yet">
        <p>Uploading push certificates arrives in a later release.</p>
      </EmptyState>
    </>
  );
}
