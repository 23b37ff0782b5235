import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { listPushCredentials } from "@/lib/domains/push-credentials/queries";
import { MAX_PUSH_CREDENTIALS, pushCredentialName } from "@/lib/domains/push-credentials/client-safe";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import { PushCertificatesView } from "./_components/push-certificates-view";
import { pushCredentialRow } from "./_components/rows";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.push_certificates", params);

export default async function PushCertificatesPage({ params }: Props) {
  const actor = await requireSection("application.push_certificates");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  // Every credential of the account (at most MAX_PUSH_CREDENTIALS): this application's are
  // listed, the others are offered under "Use an existing credential".
  const credentials = await listPushCredentials(actor);
  const bound = (c: (typeof credentials)[number]) => c.applications.some((a) => a.id === app.id);
  const now = new Date();
  return (
    <ApplicationFrame
      actor={actor}
      app={app}
      section="application.push_certificates"
      description="Apple, Google and Huawei credentials the platform uses to wake this application's mobile clients for incoming calls. A credential belongs to the account and can serve several applications."
    >
      <PushCertificatesView
        applicationId={app.id}
        applicationName={app.name}
        rows={credentials.filter(bound).map((c) => pushCredentialRow(c, app.id, now))}
        otherCredentials={credentials
          .filter((c) => !bound(c))
          // Google credentials of two Firebase projects would read alike without the project.
          .map((c) => ({ id: c.id, label: `${pushCredentialName(c)}${c.projectId ? ` (project ${c.projectId})` : ""}` }))
          .sort((a, b) => a.label.localeCompare(b.label))}
        atLimit={credentials.length >= MAX_PUSH_CREDENTIALS}
      />
    </ApplicationFrame>
  );
}
