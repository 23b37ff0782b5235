// The Dialogflow page's row: a key of the account as this application's page shows it (no key
// file: the DTO has none). Dates as ISO strings.
import type { DialogflowKeyDto } from "@/lib/domains/dialogflow/queries";

export type DialogflowKeyRow = {
  id: number;
  projectId: string;
  clientEmail: string;
  privateKeyId: string;
  description: string;
  /** The account's other applications the key is bound to, by name. */
  otherApplications: string[];
  /** ISO string. */
  createdAt: string;
};

export function dialogflowKeyRow(k: DialogflowKeyDto, applicationId: number): DialogflowKeyRow {
  return {
    id: k.id,
    projectId: k.projectId,
    clientEmail: k.clientEmail,
    privateKeyId: k.privateKeyId,
    description: k.description,
    otherApplications: k.applications.filter((a) => a.id !== applicationId).map((a) => a.name),
    createdAt: k.createdAt.toISOString(),
  };
}
