import "server-only";
// Dialogflow keys: AddDialogflowKey, SetDialogflowKey, DelDialogflowKey, GetDialogflowKeys,
// BindDialogflowKeys, with the official clients' parameter names and DialogflowKeyInfo. Every
// handler calls lib/domains/dialogflow, the same functions as the application's Dialogflow page.
import { z } from "zod";
import { addDialogflowKey, bindDialogflowKey, deleteDialogflowKey, setDialogflowKey } from "./mutations";
import { listDialogflowKeys, type DialogflowKeyDto } from "./queries";
import { ZDialogflowDescription } from "./schemas";
import { API_ERROR, type ErrorMapping } from "@/lib/api/errors";
import { DONE_RESPONSE, defineMethod, done, listResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { APP_REF_FIELDS, APP_REF_ONE_OF, appRefParams, applicationInfo, resolveAppRef, ZApplicationInfo, resolveOptionalAppRef } from "@/lib/domains/applications/api";

// Wire structures.

export const ZDialogflowKeyContent = z.object({ project_id: z.string().meta({ description: "The Google Cloud project of the key's service account" }) }).meta({ id: "DialogflowKey" });

export const ZDialogflowKeyInfo = z
  .object({
    dialogflow_key_id: z.number().int(),
    content: ZDialogflowKeyContent,
    applications: z.array(ZApplicationInfo).meta({ description: "The applications the key is bound to" }),
    description: z.string().meta({ description: "Ours: the key's description, as AddDialogflowKey and SetDialogflowKey set it" }),
    client_email: z.string().meta({ description: "Ours: the service account the key belongs to" }),
    private_key_id: z.string().meta({ description: "Ours: the key's id in Google Cloud (the file's private_key_id), which tells two keys of one project apart" }),
  })
  .meta({ id: "DialogflowKeyInfo" });
export type DialogflowKeyInfo = z.output<typeof ZDialogflowKeyInfo>;

export function dialogflowKeyInfo(k: DialogflowKeyDto): DialogflowKeyInfo {
  return {
    dialogflow_key_id: k.id,
    content: { project_id: k.projectId },
    applications: k.applications.map(applicationInfo),
    description: k.description,
    client_email: k.clientEmail,
    private_key_id: k.privateKeyId,
  };
}

const GROUP = "Dialogflow credentials";

const ERRORS: ErrorMapping = {
  fields: { ...APP_REF_FIELDS, applicationIds: "application_id", keyId: "dialogflow_key_id", credentials: "json_credentials", description: "description" },
};

const keyId = w.id(API_ERROR.INVALID_DIALOGFLOW_KEY, { description: "The Dialogflow key id" });
const description = w.text(ZDialogflowDescription, { description: "The key's description (up to 255 characters)" });

export const addDialogflowKeyMethod = defineMethod({
  name: "AddDialogflowKey",
  group: GROUP,
  summary: "Adds a Google Cloud service account's JSON key and binds it to the application. The key file is kept and never returned; a key already in the account (same private_key_id) is refused (643): bind it instead.",
  params: z.object({
    ...appRefParams,
    json_credentials: w.text(z.string(), { description: "The service account's JSON key file, as Google Cloud downloads it" }),
    description: description.optional(),
  }),
  oneOf: [APP_REF_ONE_OF(true)],
  response: z.object({ result: z.literal(1), dialogflow_key_id: z.number().int() }),
  errors: ERRORS,
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const key = await addDialogflowKey(actor, { applicationId: app.id, credentials: p.json_credentials, description: p.description });
    return done({ dialogflow_key_id: key.id });
  },
});

export const setDialogflowKeyMethod = defineMethod({
  name: "SetDialogflowKey",
  group: GROUP,
  summary: "Changes a key's description. To replace the key itself, add the new one and delete the old.",
  params: z.object({ dialogflow_key_id: keyId, description }),
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    await setDialogflowKey(actor, { keyId: p.dialogflow_key_id, description: p.description });
    return done();
  },
});

export const delDialogflowKeyMethod = defineMethod({
  name: "DelDialogflowKey",
  group: GROUP,
  summary: "Deletes a key, unbinding it from every application.",
  params: z.object({ dialogflow_key_id: keyId }),
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    await deleteDialogflowKey(actor, { keyId: p.dialogflow_key_id });
    return done();
  },
});

export const getDialogflowKeysMethod = defineMethod({
  name: "GetDialogflowKeys",
  group: GROUP,
  summary: "The account's keys by id (at most 100), or one key, or the keys bound to one application. Never the key files.",
  params: z.object({ dialogflow_key_id: keyId.optional(), ...appRefParams }),
  oneOf: [APP_REF_ONE_OF(false)],
  response: listResponse(ZDialogflowKeyInfo),
  errors: ERRORS,
  async handler(p, { actor }) {
    const app = await resolveOptionalAppRef(actor, p);
    const keys = await listDialogflowKeys(actor, { keyId: p.dialogflow_key_id, applicationId: app?.id });
    return page(keys.map(dialogflowKeyInfo), keys.length);
  },
});

export const bindDialogflowKeysMethod = defineMethod({
  name: "BindDialogflowKeys",
  group: GROUP,
  summary: "Binds a key to the applications (bind=true, the default) or unbinds it from them. Already so is no error. All or nothing.",
  params: z.object({
    dialogflow_key_id: keyId,
    application_id: w.intList({ apiCode: API_ERROR.INVALID_APPLICATION_ID, description: "The application ids" }),
    bind: w.bool({ description: "true (default) to bind, false to unbind" }).optional(),
  }),
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    await bindDialogflowKey(actor, { keyId: p.dialogflow_key_id, applicationIds: p.application_id, bind: p.bind ?? true });
    return done();
  },
});

export const dialogflowMethods: RegisteredMethod[] = [addDialogflowKeyMethod, setDialogflowKeyMethod, delDialogflowKeyMethod, getDialogflowKeysMethod, bindDialogflowKeysMethod] as RegisteredMethod[];
