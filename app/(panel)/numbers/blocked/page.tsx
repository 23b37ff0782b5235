import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("numbers.blocked") };

export default async function BlockedNumbersPage() {
  await requireSection("numbers.blocked");
  return (
    <>
      <SectionHeader
        section="numbers.blocked"
        description="The account's numbers that are suspended, for example because their rent could not be charged, and what it takes to restore them."
      />
      <EmptyState title="No numbers are blocked">The account has no phone numbers, so none can be blocked.</EmptyState>
    </>
  );
}
