// The Queues tab's rows: an application's queues, skills and agents as the tables and dialogs
// show them. Dates as ISO strings.
import type { SqAgentDto, SqQueueDto, SqSkillDto } from "@/lib/domains/queues/queries";

export type SqQueueRow = Omit<SqQueueDto, "createdAt" | "updatedAt" | "applicationId"> & { createdAt: string };
export type SqSkillRow = { id: number; name: string; description: string; agentCount: number };
export type SqAgentRow = SqAgentDto & { id: number };

export const sqQueueRow = ({ createdAt, updatedAt, applicationId, ...q }: SqQueueDto): SqQueueRow => {
  void updatedAt;
  void applicationId;
  return { ...q, createdAt: createdAt.toISOString() };
};
export const sqSkillRow = (s: SqSkillDto): SqSkillRow => ({ id: s.id, name: s.name, description: s.description, agentCount: s.agentCount });
export const sqAgentRow = (a: SqAgentDto): SqAgentRow => ({ ...a, id: a.userId });
