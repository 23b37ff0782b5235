import "server-only";
// Applications: AddApplication, GetApplications, SetApplicationInfo, DelApplication. Every
// handler calls lib/domains/applications, the same functions as the panel's Applications page: the name
// rule (107), uniqueness (129) and tenant scoping (558) live there once.
import { z } from "zod";
import type { Actor } from "@/lib/access/actor-types";
import { createApplication, deleteApplications, setApplicationInfo } from "./mutations";
import { listApplications, resolveApplication, shortApplicationName, type ApplicationDto } from "./queries";
import { ZApplicationName } from "./schemas";
import type { ErrorMapping } from "@/lib/api/errors";
import { page, DONE_RESPONSE, defineMethod, done, listResponse, type OneOf, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";

// Wire structures.

export const ZApplicationInfo = z
  .object({
    application_id: z.number().int(),
    application_name: z.string().meta({ description: "The full name: <name>.<account>.<domain>" }),
    modified: w.timestamp,
    secure_record_storage: z.boolean(),
  })
  .meta({ id: "ApplicationInfo" });
export type ApplicationInfo = z.output<typeof ZApplicationInfo>;

export function applicationInfo(a: { id: number; fullName: string; updatedAt: Date; secureRecordStorage: boolean }): ApplicationInfo {
  return { application_id: a.id, application_name: a.fullName, modified: w.formatApiDate(a.updatedAt), secure_record_storage: a.secureRecordStorage };
}

const GROUP = "Applications";
const INVALID_APPLICATION_ID = 116;

// The application_id / application_name pair that users and key-value methods share. The name
// may be the short one or the full `<name>.<account>.<domain>`.
export const appRefParams = {
  application_id: w.id(INVALID_APPLICATION_ID, { description: "The application id" }).optional(),
  application_name: w.optionalText(z.string().max(200), "The application name, short or full (instead of application_id)"),
};

export const APP_REF_ONE_OF = (required: boolean): OneOf => ({ params: ["application_id", "application_name"], required });

export const APP_REF_FIELDS = { applicationId: "application_id", applicationName: "application_name" } as const;

export function resolveAppRef(actor: Actor, p: { application_id?: number; application_name?: string }): Promise<ApplicationDto> {
  return resolveApplication(actor, { applicationId: p.application_id, applicationName: p.application_name });
}

/** The application an optional application_id / application_name names, or undefined when neither is given (558 when it is not the account's). */
export async function resolveOptionalAppRef(actor: Actor, p: { application_id?: number; application_name?: string }): Promise<ApplicationDto | undefined> {
  return p.application_id !== undefined || p.application_name !== undefined ? resolveAppRef(actor, p) : undefined;
}

const APPLICATION_ERRORS: ErrorMapping = {
  fields: { ...APP_REF_FIELDS, name: "application_name", secureRecordStorage: "secure_record_storage" },
};

const secureRecordStorage = w.bool({ description: "Whether to keep the application's logs and records in secure storage" }).optional();

export const addApplication = defineMethod({
  name: "AddApplication",
  group: GROUP,
  summary: "Creates an application. Its full name is <name>.<account>.<domain>.",
  params: z.object({
    application_name: w.text(ZApplicationName, { description: "The short name: [a-z][a-z0-9-]{1,64}, unique in the account" }),
    secure_record_storage: secureRecordStorage,
  }),
  response: z.object({ result: z.literal(1), application_id: z.number().int(), application_name: z.string(), secure_record_storage: z.boolean() }),
  errors: APPLICATION_ERRORS,
  async handler(p, { actor }) {
    const app = await createApplication(actor, { name: p.application_name, secureRecordStorage: p.secure_record_storage ?? false });
    return done({ application_id: app.id, application_name: app.fullName, secure_record_storage: app.secureRecordStorage });
  },
});

export const getApplications = defineMethod({
  name: "GetApplications",
  group: GROUP,
  summary: "Lists the account's applications by name. with_rules and with_scenarios are accepted and add nothing.",
  params: z.object({
    application_id: w.id(INVALID_APPLICATION_ID, { description: "Only this application" }).optional(),
    application_name: w.optionalText(z.string().max(200), "Only applications whose name contains this"),
    with_rules: w.bool({ description: "Accepted for compatibility" }).optional(),
    with_scenarios: w.bool({ description: "Accepted for compatibility" }).optional(),
    ...w.paging,
  }),
  response: listResponse(ZApplicationInfo),
  errors: APPLICATION_ERRORS,
  async handler(p, { actor }) {
    const namePart = p.application_name === undefined ? undefined : shortApplicationName(p.application_name, actor.accountName);
    const { items, total } = await listApplications(actor, { applicationId: p.application_id, namePart, offset: p.offset, count: p.count });
    return page(items.map(applicationInfo), total);
  },
});

export const setApplicationInfoMethod = defineMethod({
  name: "SetApplicationInfo",
  group: GROUP,
  summary: "Renames an application and/or switches its secure record storage.",
  params: z.object({
    application_id: w.id(INVALID_APPLICATION_ID, { description: "The application id" }).optional(),
    required_application_name: w.optionalText(z.string().max(200), "The application's current name, short or full (instead of application_id)"),
    application_name: w.text(ZApplicationName, { description: "The new short name" }).optional(),
    secure_record_storage: secureRecordStorage,
  }),
  oneOf: [{ params: ["application_id", "required_application_name"], required: true }],
  response: z.object({ result: z.literal(1), application_name: z.string(), secure_record_storage: z.boolean() }),
  errors: { ...APPLICATION_ERRORS, fields: { ...APPLICATION_ERRORS.fields, applicationName: "required_application_name" } },
  async handler(p, { actor }) {
    const app = await resolveApplication(actor, { applicationId: p.application_id, applicationName: p.required_application_name });
    const updated = await setApplicationInfo(actor, { applicationId: app.id, name: p.application_name, secureRecordStorage: p.secure_record_storage });
    return done({ application_name: updated.fullName, secure_record_storage: updated.secureRecordStorage });
  },
});

export const delApplication = defineMethod({
  name: "DelApplication",
  group: GROUP,
  summary: "Deletes applications (ids, all, or names) with their users and key-value items. All or nothing.",
  params: z.object({
    application_id: w.idListOrAll({ apiCode: INVALID_APPLICATION_ID, description: "The application ids" }).optional(),
    application_name: w.stringList(z.string().max(200), { description: "The application names, short or full" }).optional(),
  }),
  oneOf: [APP_REF_ONE_OF(true)],
  response: DONE_RESPONSE,
  errors: { ...APPLICATION_ERRORS, fields: { ...APPLICATION_ERRORS.fields, applicationIds: "application_id", names: "application_name" } },
  async handler(p, { actor }) {
    await deleteApplications(actor, p.application_name ? { names: p.application_name } : { applicationIds: p.application_id! });
    return done();
  },
});

export const applicationMethods: RegisteredMethod[] = [addApplication, getApplications, setApplicationInfoMethod, delApplication] as RegisteredMethod[];
