// The Dialogflow page's row: a key of the account as this application's page shows it (no key
// file: the DTO has none). Dates as ISO strings.
import type { DialogflowKeyDto } from "@/lib/domains/dialogflow/queries";
import { dialogflowKeyName } from "@/lib/domains/dialogflow/client-safe";

export type DialogflowKeyRow = {
  id: number;
  /** Project and key id ("support-agent key 1f2e3d4c"): how dialogs, menus and toasts name the key. */
  name: string;
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
    name: dialogflowKeyName(k),
    projectId: k.projectId,
    clientEmail: k.clientEmail,
    privateKeyId: k.privateKeyId,
    description: k.description,
    otherApplications: k.applications.filter((a) => a.id !== applicationId).map((a) => a.name),
    createdAt: k.createdAt.toISOString(),
  };
}
