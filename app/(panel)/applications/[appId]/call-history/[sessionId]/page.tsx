import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSection } from "@/lib/server/guards";
import { getCallSession } from "@/lib/domains/calls/queries";
import { loadApplication } from "../../_components/load-application";
import { ApplicationFrame } from "../../_components/application-frame";
import { SessionDetail } from "../../../../calls/_components/session-detail";
import { parseRecordId } from "@/lib/core/ids";

type Props = { params: Promise<{ appId: string; sessionId: string }> };

export const metadata: Metadata = { title: "Call details" };

// A session of this application (application.call_history); another application's or account's reads as missing.
export default async function AppCallSessionPage({ params }: Props) {
  const actor = await requireSection("application.call_history");
  const { appId, sessionId } = await params;
  const app = await loadApplication(actor, appId);
  const id = parseRecordId(sessionId);
  const s = id ? await getCallSession(actor, id, { applicationId: app.id }) : null;
  if (!s) notFound();
  return (
    <ApplicationFrame actor={actor} app={app} section="application.call_history" item={`Call ${s.id}`} description={`${s.from} → ${s.to || "(no call)"}`}>
      <SessionDetail actor={actor} s={s} />
    </ApplicationFrame>
  );
}
