import type { Metadata } from "next";
import { Download } from "lucide-react";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { EmptyState } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import { routes } from "@/lib/routes";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.call_history", params);

export default async function AppCallHistoryPage({ params }: Props) {
  const actor = await requireSection("application.call_history");
  const app = await loadApplication(actor, (await params).appId);
  return (
    <ApplicationFrame
      actor={actor}
      app={app}
      section="application.call_history"
      description="Calls made and received by this application: when, between whom, for how long, how they ended and what they cost."
      actions={
          can(actor, "application.call_history_downloads") ? (
            // A plain anchor: the export is a file from a route handler, not a page.
            <a
              href={routes.applicationCallHistoryExport(app.id)}
              download
              data-action="application.call_history_downloads"
              className="inline-flex h-10 items-center gap-2 rounded-md bg-white px-4 text-sm font-medium text-slate-800 ring-1 ring-slate-400 hover:bg-slate-50"
            >
              <Download aria-hidden className="size-4" />
              Download CSV
            </a>
          ) : null
      }
    >
      <EmptyState title="No calls yet">
        <p>Nothing places calls yet: the call simulator that records call history arrives in a later release.</p>
      </EmptyState>
    </ApplicationFrame>
  );
}
