import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSection } from "@/lib/server/guards";
import { sectionHref } from "@/lib/routes";
import { getCallSession } from "@/lib/domains/calls/queries";
import { PageHeader } from "@/components/ui/page";
import { SessionDetail } from "../_components/session-detail";
import { parseRecordId } from "@/lib/core/ids";

type Props = { params: Promise<{ sessionId: string }> };

export const metadata: Metadata = { title: "Call details" };

// A session of any application of the account (section calls); another account's reads as missing.
export default async function CallSessionPage({ params }: Props) {
  const actor = await requireSection("calls");
  const { sessionId } = await params;
  const id = parseRecordId(sessionId);
  const s = id ? await getCallSession(actor, id) : null;
  if (!s) notFound();
  return (
    <>
      <PageHeader title={`Call ${s.id}`} crumbs={[{ label: "Calls" }, { label: "All calls", href: sectionHref("calls") }]} description={`${s.from} → ${s.to || "(no call)"} in ${s.applicationName}`} />
      <SessionDetail actor={actor} s={s} />
    </>
  );
}
