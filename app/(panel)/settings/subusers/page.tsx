import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { ShieldQuestion } from "lucide-react";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can, describeGranters } from "@/lib/access/matrix";
import { Card, SectionHeader } from "@/components/ui/page";
import { accountRequiresTwoStep, listSubusers } from "@/lib/domains/subusers/queries";
import { roleOptions } from "@/lib/domains/subusers/role-options";
import { LoginLink } from "./_components/login-link";
import type { SubuserRow } from "./_components/columns";
import { SubusersTable } from "./_components/subusers-table";
import { PreviewRoles } from "./_components/preview-roles";
import { routes, subuserLoginUrl } from "@/lib/routes";
import { publicOrigin } from "@/lib/core/request-info";

export const metadata: Metadata = { title: sectionTitle("subusers") };

export default async function SubusersPage({ searchParams }: { searchParams: Promise<{ edit?: string | string[] }> }) {
  const actor = await requireSection("subusers");
  const [{ items }, twoStepRequired] = await Promise.all([listSubusers(actor), accountRequiresTwoStep(actor)]);
  const canCreate = can(actor, "subusers.create");
  const canEdit = can(actor, "subusers.edit");
  const rows: SubuserRow[] = items.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    active: s.active,
    twoStep: s.twoStep ? "on" : twoStepRequired ? "due" : "off",
    roles: [...s.roles],
    createdAt: s.createdAt.toISOString(),
  }));
  const { edit } = await searchParams;
  const loginUrl = items.length > 0 ? subuserLoginUrl(actor.accountId, publicOrigin(await headers())) : null;

  return (
    <>
      <SectionHeader
        section="subusers"
        description="People with limited access to this panel. Each subuser sees the sections its roles grant, and nothing else."
        actions={
          <>
            <Link href={routes.access} className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline">
              <ShieldQuestion className="size-4" aria-hidden />
              Who can see what
            </Link>
            {canEdit ? <PreviewRoles roleOptions={roleOptions()} /> : null}
          </>
        }
      />
      {loginUrl ? (
        <Card className="mb-6">
          <h2 className="text-sm font-semibold text-slate-900">Subuser login link</h2>
          <p className="mb-3 mt-1 text-sm text-slate-600">
            The only way subusers log in. Send it to them; they enter their subuser name and password there. The page shows the account name.
          </p>
          <LoginLink url={loginUrl} />
        </Card>
      ) : null}
      {!canCreate || !canEdit ? (
        <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-600" data-testid="subusers-readonly">
          You can see the subusers. Only {describeGranters("subusers.edit")} can add or change them.
        </p>
      ) : null}
      <SubusersTable
        rows={rows}
        canCreate={canCreate}
        canEdit={canEdit}
        roleOptions={canCreate || canEdit ? roleOptions() : []}
        editOnOpen={typeof edit === "string" ? edit : undefined}
        twoStepRequired={twoStepRequired}
      />
    </>
  );
}
