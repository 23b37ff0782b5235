import type { Metadata } from "next";
import { Download } from "lucide-react";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("calls") };

export default async function CallsPage() {
  const actor = await requireSection("calls");
  const canDownload = can(actor, "calls.downloads");
  return (
    <>
      <SectionHeader
        section="calls"
        description="The call history of every application in the account: who called whom, when, for how long, how it ended and what it cost."
        actions={
          canDownload ? (
            // A plain anchor: the export is a file download from a route handler, not a page.
            <a
              href="/calls/export"
              download
              data-action="calls.downloads"
              className="inline-flex h-10 items-center gap-2 rounded-md bg-white px-4 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
            >
              <Download aria-hidden className="size-4" />
              Download CSV
            </a>
          ) : null
        }
      />
      <EmptyState title="No calls yet">
        <p>Calls made and received by the account&apos;s applications will be listed here, newest first.</p>
        <p className="mt-1">Nothing places calls yet: the call simulator that records call history arrives in a later release.</p>
      </EmptyState>
    </>
  );
}
