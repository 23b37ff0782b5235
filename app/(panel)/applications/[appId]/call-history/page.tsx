import type { Metadata } from "next";
import { Download } from "lucide-react";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { routes } from "@/lib/routes";

export const metadata: Metadata = { title: "Call history" };

export default async function AppCallHistoryPage({ params }: { params: Promise<{ appId: string }> }) {
  const actor = await requireSection("application.call_history");
  const app = await loadApplication(actor, (await params).appId);
  return (
    <>
      <PageHeader
        title="Call history"
        description="Calls made and received by this application: when, between whom, for how long, how they ended and what they cost."
        actions={
          can(actor, "application.call_history_downloads") ? (
            // A plain anchor: the export is a file from a route handler, not a page.
            <a
              href={routes.applicationCallHistoryExport(app.id)}
              download
              data-action="application.call_history_downloads"
              className="inline-flex h-10 items-center gap-2 rounded-md bg-white px-4 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
            >
              <Download aria-hidden className="size-4" />
              Download CSV
            </a>
          ) : null
        }
      />
      <EmptyState title="No calls yet">
        <p>Nothing places calls yet: the call simulator that records call history arrives in a later release.</p>
      </EmptyState>
    </>
  );
}
