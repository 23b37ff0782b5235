import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { userCountsOf } from "@/lib/domains/applications/queries";
import { Card } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { loadApplication } from "./_components/load-application";
import { ApplicationFrame, applicationMetadata } from "./_components/application-frame";
import { OverviewActions, SecureStorageToggle } from "./_components/overview-actions";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application", params);

export default async function ApplicationOverviewPage({ params }: Props) {
  const actor = await requireSection("application");
  const app = await loadApplication(actor, (await params).appId);
  const userCount = (await userCountsOf(actor, [app.id])).get(app.id) ?? 0;
  const manage = can(actor, "applications");
  const settings = can(actor, "application");
  const plain = { id: app.id, name: app.name, userCount, fullName: app.fullName };
  return (
    <ApplicationFrame actor={actor} app={app} section="application" actions={manage ? <OverviewActions app={plain} /> : null}>
      <Card className="max-w-2xl">
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr] sm:gap-y-3">
          <dt className="text-slate-600">Name</dt>
          <dd className="mb-2 font-medium sm:mb-0">{app.name}</dd>
          <dt className="text-slate-600">Full name</dt>
          <dd className="mb-2 break-all font-mono sm:mb-0">{app.fullName}</dd>
          <dt className="text-slate-600">Application id</dt>
          <dd className="mb-2 tabular-nums sm:mb-0">{app.id}</dd>
          <dt className="text-slate-600">Created</dt>
          <dd className="mb-2 sm:mb-0">
            <DateTime value={app.createdAt} />
          </dd>
          <dt className="text-slate-600">Users</dt>
          <dd className="mb-2 tabular-nums sm:mb-0" data-testid="app-user-count">
            {userCount}
          </dd>
          <dt className="text-slate-600">Secure record storage</dt>
          <dd>{settings ? <SecureStorageToggle appId={app.id} enabled={app.secureRecordStorage} /> : app.secureRecordStorage ? "On" : "Off"}</dd>
        </dl>
      </Card>
    </ApplicationFrame>
  );
}
