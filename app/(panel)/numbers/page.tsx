import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("numbers.list") };

export default async function NumbersPage() {
  const actor = await requireSection("numbers.list");
  const canBrowse = can(actor, "numbers.available");
  return (
    <>
      <SectionHeader
        section="numbers.list"
        description="The phone numbers the account has bought: which application each is attached to, its monthly rent and when it renews."
      />
      <EmptyState title="The account has no phone numbers">
        <p>Numbers appear here once they are bought.</p>
        {canBrowse ? (
          <p className="mt-3">
            <Link href="/numbers/buy" className="font-medium text-brand-700 hover:underline">
              Browse numbers available to buy
            </Link>
          </p>
        ) : null}
      </EmptyState>
    </>
  );
}
