import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "Buy numbers" };

export default async function BuyNumbersPage() {
  await requireSection("numbers.available");
  return (
    <>
      <PageHeader
        title="Buy numbers"
        description="Choose a phone number from the catalogue of numbers available for purchase, by country, region and type, and see its setup fee and monthly rent."
      />
      <EmptyState title="No numbers are available to buy yet">
        The number catalogue and purchasing arrive in a later release. Until then there is nothing to choose from, and nothing is charged.
      </EmptyState>
    </>
  );
}
