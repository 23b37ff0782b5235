import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { applicationSectionHref } from "@/lib/routes";
import { listCallLists, ruleChoices } from "@/lib/domains/call-lists/queries";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import { CallListsView } from "./_components/call-lists-view";
import { toCallListRow } from "./_components/rows";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.call_lists", params);

export default async function CallListsPage({ params, searchParams }: Props & { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("application.call_lists");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  const requested = parseListParams(await searchParams, { sort: ["createdAt"], defaultDir: "desc" });
  const fetchPage = (list: typeof requested) => listCallLists(actor, { applicationId: app.id, q: list.q || undefined, offset: skipOf(list), count: list.size });
  const [first, inApp, rules] = await Promise.all([fetchPage(requested), requested.q ? listCallLists(actor, { applicationId: app.id, count: 1 }) : null, ruleChoices(actor, app.id)]);
  const last = lastPageOf(first.total, requested.size);
  const list = requested.page > last ? { ...requested, page: last } : requested;
  const { items, total } = list === requested ? first : await fetchPage(list);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.call_lists" description="Call lists run a scenario for each line of an uploaded CSV file, for outbound campaigns.">
      <CallListsView
        appName={app.name}
        rows={items.map((l) => toCallListRow(app.id, l))}
        total={total}
        params={list}
        empty={(inApp?.total ?? total) === 0}
        canCreate={can(actor, "application.call_lists.create")}
        canAppend={can(actor, "application.call_lists.append")}
        rules={rules}
        uploadUrl={`${applicationSectionHref("application.call_lists", app.id)}/upload`}
      />
    </ApplicationFrame>
  );
}
