import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { EmptyState, SectionHeader } from "@/components/ui/page";
import { sectionHref } from "@/lib/routes";

export const metadata: Metadata = { title: sectionTitle("api_keys") };

export default async function ApiKeysPage() {
  const actor = await requireSection("api_keys");
  return (
    <>
      <SectionHeader
        section="api_keys"
        description="Credentials that let your own servers call the Management API on behalf of the account."
      />
      <EmptyState title="The account has no API keys">
        <p>
          The Management API authenticates with service accounts: key pairs with roles, whose tokens are signed with the private key. Account-wide
          API keys are not issued.
        </p>
        {can(actor, "service_accounts") ? (
          <p className="mt-3">
            <Link href={sectionHref("service_accounts")} className="font-medium text-brand-700 hover:underline">
              Manage service accounts
            </Link>
          </p>
        ) : null}
      </EmptyState>
    </>
  );
}
