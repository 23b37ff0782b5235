import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { agentCandidates, listSqAgents, listSqQueues, listSqSkills } from "@/lib/domains/queues/queries";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import { QueuesView } from "./_components/queues-view";
import { sqAgentRow, sqQueueRow, sqSkillRow } from "./_components/rows";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.queues", params);

export default async function QueuesPage({ params }: Props) {
  const actor = await requireSection("application.queues");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  // At most 100 queues and 500 skills an application, so neither list is paged; agents are the
  // users bound to a queue or holding a skill (the first 1000).
  const [queues, skills, agents, candidates] = await Promise.all([
    listSqQueues(actor, { applicationId: app.id }),
    listSqSkills(actor, { applicationId: app.id }),
    listSqAgents(actor, { applicationId: app.id, agentsOnly: true }),
    agentCandidates(actor, app.id),
  ]);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.queues" description="SmartQueue queues that distribute calls and chats to operators with the right skills.">
      <QueuesView applicationId={app.id} queues={queues.items.map(sqQueueRow)} skills={skills.items.map(sqSkillRow)} agents={agents.items.map(sqAgentRow)} candidates={candidates} />
    </ApplicationFrame>
  );
}
