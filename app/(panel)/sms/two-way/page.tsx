import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("sms.two_way") };

export default async function TwoWaySmsPage() {
  const actor = await requireSection("sms.two_way");
  return (
    <>
      <SectionHeader
        section="sms.two_way"
        description="Send and receive SMS on the account's own numbers, as conversations: recipients can reply."
      />
      <EmptyState title="No number can send or receive SMS">
        <p>Two-way SMS runs on a number with SMS enabled. The account has no phone numbers yet; SMS arrives in a later release.</p>
        {can(actor, "sms.two_way_history") ? (
          <p className="mt-3">
            <Link href="/sms/two-way/history" className="font-medium text-brand-700 hover:underline">
              Two-way SMS history
            </Link>
          </p>
        ) : null}
      </EmptyState>
    </>
  );
}
