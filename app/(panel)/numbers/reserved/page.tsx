import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("numbers.reserved") };

export default async function ReservedNumbersPage() {
  await requireSection("numbers.reserved");
  return (
    <>
      <SectionHeader
        section="numbers.reserved"
        description="Numbers held for the account before purchase (for example while documents for a regulated country are verified)."
      />
      <EmptyState title="No numbers are reserved">Reservations are made from the number catalogue, which arrives in a later release.</EmptyState>
    </>
  );
}
