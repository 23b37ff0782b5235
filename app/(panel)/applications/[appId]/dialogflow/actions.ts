"use server";
import { action } from "@/lib/server/action";
import { addDialogflowKey, bindDialogflowKey, deleteDialogflowKey, setDialogflowKey } from "@/lib/domains/dialogflow/mutations";
import { ZAddDialogflowKeyInput, ZBindDialogflowKeyInput, ZDialogflowKeyRef, ZSetDialogflowKeyInput } from "@/lib/domains/dialogflow/schemas";
import { dialogflowKeyName } from "@/lib/domains/dialogflow/client-safe";
import type { DialogflowKeyDto } from "@/lib/domains/dialogflow/queries";

// The application's Dialogflow page. Each returns the key's id and name for the toast; the page
// re-renders its rows from the database (action() refreshes it).

const named = (k: DialogflowKeyDto) => ({ id: k.id, name: dialogflowKeyName(k) });

/** Add key: stores the service account's key file and binds the key to this application. */
export const addDialogflowKeyAction = action({ section: "application.dialogflow_agents", input: ZAddDialogflowKeyInput }, async (input, actor) => {
  return named(await addDialogflowKey(actor, input));
});

export const setDialogflowKeyAction = action({ section: "application.dialogflow_agents", input: ZSetDialogflowKeyInput }, async (input, actor) => {
  return named(await setDialogflowKey(actor, input));
});

/** "Use an existing key" (bind) and "Remove from this application" (unbind). */
export const bindDialogflowKeyAction = action({ section: "application.dialogflow_agents", input: ZBindDialogflowKeyInput }, async (input, actor) => {
  return named(await bindDialogflowKey(actor, input));
});

/** Delete key: from the account and every application. */
export const deleteDialogflowKeyAction = action({ section: "application.dialogflow_agents", input: ZDialogflowKeyRef }, async (input, actor) => {
  await deleteDialogflowKey(actor, input);
  return null;
});
