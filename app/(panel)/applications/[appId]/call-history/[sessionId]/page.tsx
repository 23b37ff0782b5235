import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/access/actor-types";
import { requireSection } from "@/lib/server/guards";
import { getCallSession } from "@/lib/domains/calls/queries";
import { loadApplication } from "../../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../../_components/application-frame";
import { SessionDetail } from "../../../../calls/_components/session-detail";
import { parseRecordId } from "@/lib/core/ids";

type Props = { params: Promise<{ appId: string; sessionId: string }> };

/** The [sessionId] segment's session of this application, or null; cached per request (the title and the page). */
const loadSession = cache(async (actor: Actor, applicationId: number, sessionIdParam: string) => {
  const id = parseRecordId(sessionIdParam);
  return id ? getCallSession(actor, id, { applicationId }) : null;
});

export const generateMetadata = ({ params }: Props): Promise<Metadata> =>
  applicationMetadata("application.call_history", params, async (actor, app, p) => {
    const s = await loadSession(actor, app.id, p.sessionId);
    return s ? `Call ${s.id}` : null;
  });

// A session of this application (application.call_history); another application's or account's reads as missing.
export default async function AppCallSessionPage({ params }: Props) {
  const actor = await requireSection("application.call_history");
  const { appId, sessionId } = await params;
  const app = await loadApplication(actor, appId);
  const s = await loadSession(actor, app.id, sessionId);
  if (!s) notFound();
  return (
    <ApplicationFrame actor={actor} app={app} section="application.call_history" item={`Call ${s.id}`} description={`${s.from} → ${s.to || "(no call)"}`}>
      <SessionDetail actor={actor} s={s} />
    </ApplicationFrame>
  );
}
