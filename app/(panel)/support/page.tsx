import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("support") };

export default async function SupportPage() {
  const actor = await requireSection("support");
  return (
    <>
      <SectionHeader
        section="support"
        description="Ask the platform's support team for help with the account, numbers, calls or billing, and follow up on earlier requests."
      />
      <EmptyState title="No support channel is connected">
        <p>This installation has no support desk configured yet; opening requests from the panel arrives in a later release.</p>
        {can(actor, "support.tickets") ? (
          <p className="mt-3">
            <Link href="/support/tickets" className="font-medium text-brand-700 hover:underline">
              Support tickets
            </Link>
          </p>
        ) : null}
      </EmptyState>
    </>
  );
}
