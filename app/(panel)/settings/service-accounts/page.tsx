import type { Metadata } from "next";
import Link from "next/link";
import { BookOpen } from "lucide-react";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { Card, SectionHeader } from "@/components/ui/page";
import { grantableKeyRoles, grantableOn, keyCallerOf, listKeys } from "@/lib/domains/service-accounts/queries";
import { roleOptions } from "@/lib/domains/subusers/role-options";
import type { KeyRow } from "./_components/columns";
import { KeysTable } from "./_components/keys-table";
import { routes } from "@/lib/routes";

export const metadata: Metadata = { title: sectionTitle("service_accounts") };

export default async function ServiceAccountsPage() {
  const actor = await requireSection("service_accounts");
  const [{ items }, grantable, caller] = await Promise.all([listKeys(actor), grantableKeyRoles(actor), keyCallerOf(actor)]);
  const rows: KeyRow[] = items.map((k) => ({
    id: k.id,
    name: k.name,
    description: k.description,
    roles: [...k.roles],
    createdBy: k.subuser?.name ?? null,
    grantable: grantableOn(caller, k),
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  }));

  return (
    <>
      <SectionHeader
        section="service_accounts"
        description={
          actor.kind === "owner"
            ? "Key pairs with roles for the Management API. You see every service account of the account."
            : "Key pairs with roles for the Management API. You see the service accounts you created whose roles are within your own."
        }
        actions={
          <Link
            href={routes.apiReference}
            className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline"
          >
            <BookOpen className="size-4" aria-hidden />
            API reference
          </Link>
        }
      />
      <Card className="mb-6">
        <h2 className="text-sm font-semibold text-slate-900">How it works</h2>
        <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-600">
          <li>Create a service account with the roles your integration needs (never more than your own) and download its credentials.json. The private key is shown once and not kept here.</li>
          <li>
            Point an official Voximplant API client at this host with that file, or sign an RS256 JWT yourself (header <code>kid</code> = key id; claims{" "}
            <code>iss</code> = account id, <code>iat</code>, <code>exp</code>, at most an hour apart) and send it as <code>Authorization: Bearer …</code> to{" "}
            <code>/platform_api/&lt;Method&gt;</code>.
          </li>
          <li>Deleting a service account stops its key at once.</li>
        </ol>
      </Card>
      <KeysTable rows={rows} roleOptions={roleOptions()} grantable={grantable} />
    </>
  );
}
