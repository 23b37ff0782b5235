import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("sms.one_way") };

export default async function OneWaySmsPage() {
  const actor = await requireSection("sms.one_way");
  return (
    <>
      <SectionHeader
        section="sms.one_way"
        description="Send SMS to any phone from an alphanumeric sender ID or one of the account's numbers. Recipients cannot reply."
      />
      <EmptyState title="No sender is set up">
        <p>Sending needs a phone number with SMS enabled or an approved sender ID. The account has neither yet; SMS sending arrives in a later release.</p>
        {can(actor, "sms.one_way_history") ? (
          <p className="mt-3">
            <Link href="/sms/one-way/history" className="font-medium text-brand-700 hover:underline">
              One-way SMS history
            </Link>
          </p>
        ) : null}
      </EmptyState>
    </>
  );
}
