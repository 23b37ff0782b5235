import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { callToolChoices, mayPlaceCalls } from "@/lib/domains/calls/queries";
import type { RawSearchParams } from "@/components/data-table/search-params";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import { applicationSectionHref, routes } from "@/lib/routes";
import { HistoryView } from "../../../calls/_components/history-view";
import { CallTools } from "../../../calls/_components/call-tools";
import { exportHref } from "../../../calls/_components/export-href";
import { DownloadLink } from "@/components/ui/download-link";

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<RawSearchParams> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.call_history", params);

export default async function AppCallHistoryPage({ params, searchParams }: Props) {
  const actor = await requireSection("application.call_history");
  const app = await loadApplication(actor, (await params).appId);
  const raw = await searchParams;
  const choices = mayPlaceCalls(actor) ? await callToolChoices(actor) : null;
  return (
    <ApplicationFrame
      actor={actor}
      app={app}
      section="application.call_history"
      description="Calls made and received by this application: when, between whom, for how long, how they ended and what they cost."
      actions={
        <div className="flex flex-wrap gap-2">
          {choices ? <CallTools choices={choices} applicationId={app.id} detailIn="application" /> : null}
          {can(actor, "application.call_history_downloads") ? (
            <DownloadLink href={exportHref(routes.applicationCallHistoryExport(app.id), raw)} data-action="application.call_history_downloads">
              Download CSV
            </DownloadLink>
          ) : null}
        </div>
      }
    >
      <HistoryView
        actor={actor}
        raw={raw}
        basePath={applicationSectionHref("application.call_history", app.id)}
        applicationId={app.id}
        caption={`Call history of ${app.name}`}
        emptyHint={<p>Calls this application&apos;s scenarios make or answer are listed here, newest first.</p>}
      />
    </ApplicationFrame>
  );
}
