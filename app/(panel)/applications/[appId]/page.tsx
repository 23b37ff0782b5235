import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { userCountsOf } from "@/lib/domains/applications/queries";
import { Card } from "@/components/ui/page";
import { loadApplication } from "./_components/load-application";
import { OverviewActions, SecureStorageToggle } from "./_components/overview-actions";

export const metadata: Metadata = { title: "Application" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ApplicationOverviewPage({ params }: { params: Promise<{ appId: string }> }) {
  const actor = await requireSection("application");
  const app = await loadApplication(actor, (await params).appId);
  const userCount = (await userCountsOf(actor, [app.id])).get(app.id) ?? 0;
  const manage = can(actor, "applications");
  const settings = can(actor, "application");
  const plain = { id: app.id, name: app.name, userCount, fullName: app.fullName };
  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{app.name}</h1>
        {manage ? <OverviewActions app={plain} /> : null}
      </div>
      <Card className="max-w-2xl">
        <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-3 text-sm">
          <dt className="text-slate-500">Name</dt>
          <dd className="font-medium">{app.name}</dd>
          <dt className="text-slate-500">Full name</dt>
          <dd className="break-all font-mono">{app.fullName}</dd>
          <dt className="text-slate-500">Application id</dt>
          <dd className="tabular-nums">{app.id}</dd>
          <dt className="text-slate-500">Created</dt>
          <dd>{dateFormat.format(app.createdAt)} UTC</dd>
          <dt className="text-slate-500">Users</dt>
          <dd className="tabular-nums" data-testid="app-user-count">
            {userCount}
          </dd>
          <dt className="text-slate-500">Secure record storage</dt>
          <dd>{settings ? <SecureStorageToggle appId={app.id} enabled={app.secureRecordStorage} /> : app.secureRecordStorage ? "On" : "Off"}</dd>
        </dl>
      </Card>
    </>
  );
}
