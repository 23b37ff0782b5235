"use server";
import { action } from "@/lib/server/action";
import { addDialogflowKey, bindDialogflowKey, deleteDialogflowKey, setDialogflowKey } from "@/lib/domains/dialogflow/mutations";
import { ZAddDialogflowKeyInput, ZBindDialogflowKeyInput, ZDialogflowKeyRef, ZSetDialogflowKeyInput } from "@/lib/domains/dialogflow/schemas";

// The application's Dialogflow page. Each returns the key's project id for the toast; the page
// re-renders its rows from the database (action() refreshes it).

/** Add key: stores the service account's key file and binds the key to this application. */
export const addDialogflowKeyAction = action({ section: "application.dialogflow_agents", input: ZAddDialogflowKeyInput }, async (input, actor) => {
  const k = await addDialogflowKey(actor, input);
  return { id: k.id, projectId: k.projectId };
});

export const setDialogflowKeyAction = action({ section: "application.dialogflow_agents", input: ZSetDialogflowKeyInput }, async (input, actor) => {
  const k = await setDialogflowKey(actor, input);
  return { id: k.id, projectId: k.projectId };
});

/** "Use an existing key" (bind) and "Remove from this application" (unbind). */
export const bindDialogflowKeyAction = action({ section: "application.dialogflow_agents", input: ZBindDialogflowKeyInput }, async (input, actor) => {
  const k = await bindDialogflowKey(actor, input);
  return { id: k.id, projectId: k.projectId };
});

/** Delete key: from the account and every application. */
export const deleteDialogflowKeyAction = action({ section: "application.dialogflow_agents", input: ZDialogflowKeyRef }, async (input, actor) => {
  await deleteDialogflowKey(actor, input);
  return null;
});
