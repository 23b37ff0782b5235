import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "Blocked numbers" };

export default async function BlockedNumbersPage() {
  await requireSection("numbers.blocked");
  return (
    <>
      <PageHeader
        title="Blocked numbers"
        description="The account's numbers that are suspended, for example because their rent could not be charged, and what it takes to restore them."
      />
      <EmptyState title="No numbers are blocked">The account has no phone numbers, so none can be blocked.</EmptyState>
    </>
  );
}
