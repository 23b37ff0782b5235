import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("numbers.available") };

export default async function BuyNumbersPage() {
  await requireSection("numbers.available");
  return (
    <>
      <SectionHeader
        section="numbers.available"
        description="Choose a phone number from the catalogue of numbers available for purchase, by country, region and type, and see its setup fee and monthly rent."
      />
      <EmptyState title="No numbers are available to buy yet">
        The number catalogue and purchasing arrive in a later release. Until then there is nothing to choose from, and nothing is charged.
      </EmptyState>
    </>
  );
}
