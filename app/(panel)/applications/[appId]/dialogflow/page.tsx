import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { listDialogflowKeys } from "@/lib/domains/dialogflow/queries";
import { dialogflowKeyName, MAX_DIALOGFLOW_KEYS } from "@/lib/domains/dialogflow/client-safe";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import { DialogflowView } from "./_components/dialogflow-view";
import { dialogflowKeyRow } from "./_components/rows";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.dialogflow_agents", params);

export default async function DialogflowPage({ params }: Props) {
  const actor = await requireSection("application.dialogflow_agents");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  // Every key of the account (at most MAX_DIALOGFLOW_KEYS): this application's are listed, the
  // others are offered under "Use an existing key".
  const keys = await listDialogflowKeys(actor);
  const bound = (k: (typeof keys)[number]) => k.applications.some((a) => a.id === app.id);
  return (
    <ApplicationFrame
      actor={actor}
      app={app}
      section="application.dialogflow_agents"
      description="Google Cloud service account keys that this application's scenarios use to talk to Dialogflow agents. A key belongs to the account and can serve several applications."
    >
      <DialogflowView
        applicationId={app.id}
        applicationName={app.name}
        rows={keys.filter(bound).map((k) => dialogflowKeyRow(k, app.id))}
        otherKeys={keys.filter((k) => !bound(k)).map((k) => ({ id: k.id, label: `${dialogflowKeyName(k)}${k.description ? `: ${k.description}` : ""}` }))}
        atLimit={keys.length >= MAX_DIALOGFLOW_KEYS}
      />
    </ApplicationFrame>
  );
}
