import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { isAppError } from "@/lib/core/errors";
import { appTabHref } from "@/lib/nav";
import { getScenario, getScenarioDiff, listScenarios, listScenarioVersions } from "@/lib/domains/scenarios/queries";
import type { RawSearchParams } from "@/components/data-table/search-params";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import { ScenariosView, type ScenarioDetail, type ScenarioDiff, type ScenarioItem } from "./_components/scenarios-view";

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<RawSearchParams> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.scenarios", params);

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The URL's `?scenario=` picks the scenario in the editor (else the first); `&from=&to=` compares two of its versions. */
export default async function ScenariosPage({ params, searchParams }: Props) {
  const actor = await requireSection("application.scenarios");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  const sp = await searchParams;
  const { items } = await listScenarios(actor, { applicationId: app.id });
  const rows: ScenarioItem[] = items.map((s) => ({
    id: s.id,
    name: s.name,
    shared: s.applicationId === null,
    parent: s.parent,
    ruleCount: s.ruleCount,
    size: s.size,
    updatedAt: s.updatedAt.toISOString(),
  }));
  const wanted = Number(one(sp.scenario));
  const chosen = items.find((s) => s.id === wanted) ?? items[0];
  let detail: ScenarioDetail | null = null;
  let diff: ScenarioDiff | null = null;
  if (chosen) {
    // A parent account's scenario is read here, not edited: its versions are the parent's.
    const [s, versions] = await Promise.all([getScenario(actor, chosen.id, app.id), chosen.parent ? [] : listScenarioVersions(actor, chosen.id)]);
    detail = {
      id: s.id,
      name: s.name,
      shared: s.applicationId === null,
      parent: s.parent,
      script: s.script,
      version: s.version,
      rules: s.rules.map((r) => ({ id: r.id, name: r.name })),
      childRuleCount: s.childRuleCount,
      versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    };
    const from = one(sp.from);
    const to = one(sp.to);
    if (from && to && !s.parent) {
      try {
        diff = await getScenarioDiff(actor, { scenarioId: s.id, from, to });
      } catch (e) {
        // A stale or hand-edited comparison link shows the editor alone.
        if (!isAppError(e)) throw e;
      }
    }
  }
  return (
    <ApplicationFrame actor={actor} app={app} section="application.scenarios" description="JavaScript scenarios that run on the platform when a call reaches this application.">
      <ScenariosView appId={app.id} base={appTabHref(app.id, "application.scenarios")} items={rows} detail={detail} diff={diff} />
    </ApplicationFrame>
  );
}
