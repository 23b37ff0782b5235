"use server";
import { action } from "@/lib/server/action";
import { createKey, deleteKey, editKey } from "@/lib/domains/service-accounts/mutations";
import { ZCreateKeyInput, ZEditKeyInput, ZKeyRef } from "@/lib/domains/service-accounts/schemas";

/** Returns the credentials once: the private key is in this response and nowhere else. */
export const createKeyAction = action({ section: "service_accounts", input: ZCreateKeyInput }, async (input, actor) => {
  const { key, credentials } = await createKey(actor, input);
  return { id: key.id, name: key.name, credentials };
});

export const editKeyAction = action({ section: "service_accounts", input: ZEditKeyInput }, async (input, actor) => {
  const key = await editKey(actor, input);
  return { id: key.id, name: key.name };
});

export const deleteKeyAction = action({ section: "service_accounts", input: ZKeyRef }, async (input, actor) => {
  await deleteKey(actor, input);
  return null;
});
