import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { appTabHref } from "@/lib/nav";
import { listRules } from "@/lib/domains/rules/queries";
import { listScenarios } from "@/lib/domains/scenarios/queries";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import { RulesView, type RuleRow, type ScenarioOption } from "./_components/rules-view";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.rules", params);

export default async function RulesPage({ params }: Props) {
  const actor = await requireSection("application.rules");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  // The rule editor offers the application's and the shared scenarios (when the actor may see them).
  const [{ items }, scenarioList] = await Promise.all([
    listRules(actor, { applicationId: app.id, withScenarios: true }),
    can(actor, "application.scenarios") ? listScenarios(actor, { applicationId: app.id }) : Promise.resolve({ items: [] }),
  ]);
  const rules: RuleRow[] = items.map((r) => ({ id: r.id, name: r.name, pattern: r.pattern, patternExclude: r.patternExclude, scenarios: r.scenarios.map((s) => ({ id: s.id, name: s.name })) }));
  const scenarios: ScenarioOption[] = scenarioList.items.map((s) => ({ id: s.id, name: s.name, shared: s.applicationId === null, parent: s.parent }));
  return (
    <ApplicationFrame actor={actor} app={app} section="application.rules" description="Rules match incoming calls by the dialled number or user name and start the scenarios they name.">
      <RulesView appId={app.id} rules={rules} scenarios={scenarios} scenariosHref={appTabHref(app.id, "application.scenarios")} />
    </ApplicationFrame>
  );
}
