import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { can } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { getActor } from "@/lib/auth/actor";
import { NOT_FOUND_TITLE, sectionTitle } from "@/lib/nav";
import { requireSection } from "@/lib/server/guards";
import { sectionHref } from "@/lib/routes";
import { getCallSession } from "@/lib/domains/calls/queries";
import { PageHeader } from "@/components/ui/page";
import { SessionDetail } from "../_components/session-detail";
import { parseRecordId } from "@/lib/core/ids";

type Props = { params: Promise<{ sessionId: string }> };

/** The [sessionId] segment's session of the actor's account, or null; cached per request (the title and the page). */
const loadSession = cache(async (actor: Actor, sessionIdParam: string) => {
  const id = parseRecordId(sessionIdParam);
  return id ? getCallSession(actor, id) : null;
});

/** "Call 12 · All calls"; "Not found" for a missing session; the section's name alone for a principal without the section. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const title = sectionTitle("calls");
  const actor = await getActor();
  if (!actor || !can(actor, "calls")) return { title };
  const s = await loadSession(actor, (await params).sessionId);
  return { title: s ? `Call ${s.id} · ${title}` : NOT_FOUND_TITLE };
}

// A session of any application of the account (section calls); another account's reads as missing.
export default async function CallSessionPage({ params }: Props) {
  const actor = await requireSection("calls");
  const { sessionId } = await params;
  const s = await loadSession(actor, sessionId);
  if (!s) notFound();
  return (
    <>
      <PageHeader title={`Call ${s.id}`} crumbs={[{ label: "Calls" }, { label: "All calls", href: sectionHref("calls") }]} description={`${s.from} → ${s.to || "(no call)"} in ${s.applicationName}`} />
      <SessionDetail actor={actor} s={s} />
    </>
  );
}
