"use server";
import { action } from "@/lib/server/action";
import { addPushCredential, bindPushCredential, deletePushCredential, setPushCredential } from "@/lib/domains/push-credentials/mutations";
import { ZAddPushCredentialInput, ZBindPushCredentialInput, ZPushCredentialRef, ZSetPushCredentialInput } from "@/lib/domains/push-credentials/schemas";
import { pushCredentialName } from "@/lib/domains/push-credentials/client-safe";
import type { PushCredentialDto } from "@/lib/domains/push-credentials/queries";

// The application's Push certificates page. Add and Replace return the credential's id and name
// for the toast; the page re-renders its rows from the database (action() refreshes it).

const named = (c: PushCredentialDto) => ({ id: c.id, name: pushCredentialName(c) });

/** Add: checks the provider's fields, stores them and binds the credential to this application. */
export const addPushCredentialAction = action({ section: "application.push_certificates", input: ZAddPushCredentialInput }, async (input, actor) => {
  return named(await addPushCredential(actor, input));
});

/** Replace: a renewed certificate, a new key file or secret, the APNs environment. */
export const setPushCredentialAction = action({ section: "application.push_certificates", input: ZSetPushCredentialInput }, async (input, actor) => {
  return named(await setPushCredential(actor, input));
});

/** "Use an existing credential" (bind) and "Remove from this application" (unbind). */
export const bindPushCredentialAction = action({ section: "application.push_certificates", input: ZBindPushCredentialInput }, async (input, actor) => {
  await bindPushCredential(actor, input);
  return null;
});

/** Delete: from the account and every application. */
export const deletePushCredentialAction = action({ section: "application.push_certificates", input: ZPushCredentialRef }, async (input, actor) => {
  await deletePushCredential(actor, input);
  return null;
});
