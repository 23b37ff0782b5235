// Dialogflow key inputs, shared by the application's Dialogflow page, its actions and the
// Management API (AddDialogflowKey, SetDialogflowKey, DelDialogflowKey, GetDialogflowKeys,
// BindDialogflowKeys). A key is a Google Cloud service account's JSON key file, as the Google
// Cloud console downloads it (reference: "Creating and managing service account keys"): an
// object with type "service_account", project_id, private_key_id, private_key (PKCS#8 PEM) and
// client_email. The panel and the API check it the same way, before anything is stored.
import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { issue, safeText, zId } from "@/lib/core/validate";
import { ZApplicationId, ZApplicationIdList } from "@/lib/domains/applications/schemas";
import { DIALOGFLOW_CREDENTIALS_MAX_BYTES, DIALOGFLOW_DESCRIPTION_MAX } from "./client-safe";

export const ZDialogflowKeyId = zId("Invalid Dialogflow key id", "dialogflow_key_not_found");

/** Google's rule for project ids: 6 to 30 lowercase letters, digits or hyphens, a letter first, no hyphen last. */
export const GOOGLE_PROJECT_ID_RE = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What a key file holds that the panel shows; the file itself is kept as uploaded (trimmed). */
export type ServiceAccountKey = { projectId: string; clientEmail: string; privateKeyId: string; json: string };

/** The fields a service account key file must have, in the order readServiceAccountKey reads them. */
const KEY_FIELDS = ["project_id", "client_email", "private_key_id", "private_key"] as const;

/** A field of the key file: a non-empty string, or null. */
function field(obj: Record<string, unknown>, name: string): string | null {
  const v = obj[name];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

/**
 * A service account's JSON key file -> its project, client email and key id, plus the text
 * itself; or, as a string, what is wrong with it (not JSON, too large, not a service account
 * key, a field missing, a project id Google would not issue, a private key that does not parse).
 */
export function readServiceAccountKey(text: string): ServiceAccountKey | string {
  const json = text.trim();
  if (json === "") return "Choose the service account's JSON key file";
  if (Buffer.byteLength(json, "utf8") > DIALOGFLOW_CREDENTIALS_MAX_BYTES) {
    return `The key file must be at most ${DIALOGFLOW_CREDENTIALS_MAX_BYTES / 1024} kB: a service account's JSON key is about 2 kB`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return "The key is not JSON: use the .json file Google Cloud downloads for a service account key";
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return "The key file must hold one JSON object";
  const obj = parsed as Record<string, unknown>;
  if (obj.type !== "service_account") return 'The key file is not a service account key (its "type" must be "service_account")';
  const [projectId, clientEmail, privateKeyId, privateKey] = KEY_FIELDS.map((name) => field(obj, name));
  const missing = KEY_FIELDS.find((name) => field(obj, name) === null);
  if (missing || !projectId || !clientEmail || !privateKeyId || !privateKey) {
    return `The key file has no "${missing}": download the service account's JSON key from the Google Cloud console again`;
  }
  if (!GOOGLE_PROJECT_ID_RE.test(projectId)) return `"${projectId.slice(0, 40)}" is not a Google Cloud project id (6 to 30 lowercase letters, digits or hyphens)`;
  if (!EMAIL_RE.test(clientEmail) || clientEmail.length > 254) return 'The key file\'s "client_email" is not an email address';
  // Every Google service account's address is in a gserviceaccount.com domain (<name>@<project>.iam., <project>@appspot., ...).
  if (!/[@.]gserviceaccount\.com$/.test(clientEmail)) return `The key file's "client_email" (${clientEmail.slice(0, 60)}) is not a Google service account's address (…gserviceaccount.com)`;
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(privateKeyId)) return 'The key file\'s "private_key_id" is not a key id';
  try {
    if (createPrivateKey({ key: privateKey, format: "pem" }).asymmetricKeyType !== "rsa") return 'The key file\'s "private_key" is not an RSA key';
  } catch {
    return 'The key file\'s "private_key" is not a PEM private key';
  }
  return { projectId, clientEmail, privateKeyId, json };
}

/**
 * The key file's text, checked by readServiceAccountKey (errors: reason
 * dialogflow_credentials_invalid, the message saying what is wrong); the output is the trimmed text.
 */
export const ZDialogflowCredentials = z.string({ error: "Choose the service account's JSON key file" }).transform((text, ctx): string => {
  const key = readServiceAccountKey(text);
  if (typeof key === "string") {
    issue(ctx, key, "dialogflow_credentials_invalid");
    return z.NEVER;
  }
  return key.json;
});

export const ZDialogflowDescription = z
  .string()
  .trim()
  .superRefine(safeText("Description"))
  .superRefine((v, ctx) => {
    if (v.length > DIALOGFLOW_DESCRIPTION_MAX) issue(ctx, `Description must be at most ${DIALOGFLOW_DESCRIPTION_MAX} characters`);
  });

/** AddDialogflowKey / the page's Add key: the key, bound to the application it is added from. */
export const ZAddDialogflowKeyInput = z.object({
  applicationId: ZApplicationId,
  credentials: ZDialogflowCredentials,
  description: ZDialogflowDescription.default(""),
});
export type AddDialogflowKeyInput = z.input<typeof ZAddDialogflowKeyInput>;

/** SetDialogflowKey / the page's Edit: the description (the key itself is replaced by adding a new one). */
export const ZSetDialogflowKeyInput = z.object({ keyId: ZDialogflowKeyId, description: ZDialogflowDescription });
export type SetDialogflowKeyInput = z.input<typeof ZSetDialogflowKeyInput>;

export const ZDialogflowKeyRef = z.object({ keyId: ZDialogflowKeyId });
export type DialogflowKeyRef = z.input<typeof ZDialogflowKeyRef>;

/** BindDialogflowKeys: bind (default) or unbind the key to or from each application. */
export const ZBindDialogflowKeyInput = z.object({
  keyId: ZDialogflowKeyId,
  applicationIds: ZApplicationIdList,
  bind: z.boolean().default(true),
});
export type BindDialogflowKeyInput = z.input<typeof ZBindDialogflowKeyInput>;

/** GetDialogflowKeys: every key of the account, or one, or those bound to one application. */
export const ZListDialogflowKeysInput = z.object({ keyId: ZDialogflowKeyId.optional(), applicationId: ZApplicationId.optional() });
export type ListDialogflowKeysInput = z.input<typeof ZListDialogflowKeysInput>;
