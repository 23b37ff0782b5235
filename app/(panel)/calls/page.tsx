import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { callToolChoices, mayPlaceCalls } from "@/lib/domains/calls/queries";
import { SectionHeader } from "@/components/ui/page";
import type { RawSearchParams } from "@/components/data-table/search-params";
import { HistoryView } from "./_components/history-view";
import { CallTools } from "./_components/call-tools";
import { exportHref } from "./_components/export-href";
import { DownloadLink } from "@/components/ui/download-link";

export const metadata: Metadata = { title: sectionTitle("calls") };

export default async function CallsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("calls");
  const raw = await searchParams;
  const choices = mayPlaceCalls(actor) ? await callToolChoices(actor) : null;
  return (
    <>
      <SectionHeader
        section="calls"
        description="The call history of every application in the account: who called whom, when, for how long, how it ended and what it cost."
        actions={
          <div className="flex flex-wrap gap-2">
            {choices ? <CallTools choices={choices} detailIn="calls" /> : null}
            {can(actor, "calls.downloads") ? (
              <DownloadLink href={exportHref("/calls/export", raw)} data-action="calls.downloads">
                Download CSV
              </DownloadLink>
            ) : null}
          </div>
        }
      />
      <HistoryView
        actor={actor}
        raw={raw}
        basePath="/calls"
        caption="Call history"
        emptyHint={
          <p>
            Calls made and received by the account&apos;s applications are listed here, newest first.{" "}
            {choices ? "Place a test call to see one: it runs an application's scenario." : "They appear once an application's scenario handles a call."}
          </p>
        }
      />
    </>
  );
}
