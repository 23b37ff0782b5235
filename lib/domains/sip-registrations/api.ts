import "server-only";
// The Management API's SIP registrations: CreateSipRegistration, UpdateSipRegistration,
// BindSipRegistration, DeleteSipRegistration, GetSipRegistrations, with the official clients'
// parameter names and SIPRegistrationType. Every handler calls lib/domains/sip-registrations,
// the same functions as the two panel pages.
import { z } from "zod";
import type { ErrorMapping } from "@/lib/api/errors";
import { API_ERROR } from "@/lib/api/codes";
import { defineMethod, done, listResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { minorToMajor } from "@/lib/domains/billing/money";
import { bindSipRegistration, createSipRegistration, deleteSipRegistration, updateSipRegistration } from "./mutations";
import { listSipRegistrations, type SipRegistrationDto } from "./queries";

export const ZSIPRegistrationType = z
  .object({
    sip_registration_id: z.number().int(),
    sip_username: z.string(),
    proxy: z.string().meta({ description: "The registrar, host[:port]" }),
    last_updated: z.number().int().meta({ description: "Unix time (seconds) of the last REGISTER's outcome" }),
    auth_user: z.string().optional(),
    outbound_proxy: z.string().optional(),
    successful: z.boolean(),
    status_code: z.number().int().optional().meta({ description: "The last REGISTER's SIP status code (absent: not attempted)" }),
    error_message: z.string().optional(),
    deactivated: z.boolean().meta({ description: "true while the month's subscription is unpaid" }),
    next_subscription_renewal: w.timestamp,
    purchase_date: w.timestamp,
    subscription_price: z.string().meta({ description: "The monthly subscription, in the account's currency" }),
    is_persistent: z.boolean(),
    user_id: z.number().int().optional(),
    user_name: z.string().optional(),
    application_id: z.number().int().optional(),
    application_name: z.string().optional(),
    rule_id: z.number().int().optional(),
    rule_name: z.string().optional(),
  })
  .meta({ id: "SIPRegistrationType" });

export function sipRegistrationType(r: SipRegistrationDto): z.output<typeof ZSIPRegistrationType> {
  return {
    sip_registration_id: r.id,
    sip_username: r.sipUsername,
    proxy: r.proxy,
    last_updated: Math.floor(r.lastUpdatedAt.getTime() / 1000),
    ...(r.authUser ? { auth_user: r.authUser } : {}),
    ...(r.outboundProxy ? { outbound_proxy: r.outboundProxy } : {}),
    successful: r.successful,
    ...(r.statusCode !== null ? { status_code: r.statusCode } : {}),
    ...(r.errorMessage ? { error_message: r.errorMessage } : {}),
    deactivated: r.deactivated,
    next_subscription_renewal: w.formatApiDate(r.nextRenewalAt),
    purchase_date: w.formatApiDate(r.purchasedAt),
    subscription_price: minorToMajor(r.monthlyPriceMinor),
    is_persistent: r.isPersistent,
    ...(r.appUserId !== null ? { user_id: r.appUserId, user_name: r.appUserName ?? "" } : {}),
    ...(r.applicationId !== null ? { application_id: r.applicationId, application_name: r.applicationName ?? "" } : {}),
    ...(r.ruleId !== null ? { rule_id: r.ruleId, rule_name: r.ruleName ?? "" } : {}),
  };
}

const GROUP = "SIP registrations";

const ERRORS: ErrorMapping = {
  fields: {
    sipRegistrationId: "sip_registration_id",
    sipUsername: "sip_username",
    proxy: "proxy",
    authUser: "auth_user",
    outboundProxy: "outbound_proxy",
    password: "password",
    isPersistent: "is_persistent",
    applicationId: ["application_id", "application_name"],
    applicationName: "application_name",
    ruleId: ["rule_id", "rule_name"],
    ruleName: "rule_name",
    userId: ["user_id", "user_name"],
    userName: "user_name",
    statusCode: "status_code",
    applicationIds: "application_id",
    applicationNames: "application_name",
    ruleIds: "rule_id",
    ruleNames: "rule_name",
    userIds: "user_id",
    proxies: "proxy",
    bind: "bind",
  },
};

const registrationId = (description: string) => w.id(API_ERROR.INVALID_SIP_REGISTRATION, { description });
const hostParam = (description: string) => w.text(z.string().max(300), { description });
const userParam = (description: string) => w.text(z.string().max(200), { description });

/** Where the registration's calls go: the application, and its rule or one of its users. */
const bindingParams = {
  application_id: w.id(API_ERROR.APPLICATION_NOT_FOUND, { description: "The application to bind to" }).optional(),
  application_name: w.text(z.string().max(200), { description: "The application to bind to, by name" }).optional(),
  rule_id: w.id(API_ERROR.INVALID_RULE, { description: "The application's rule that incoming calls run" }).optional(),
  rule_name: w.text(z.string().max(200), { description: "The rule, by name" }).optional(),
  user_id: w.id(API_ERROR.INVALID_USER_ID, { description: "The application's user who receives the calls" }).optional(),
  user_name: w.text(z.string().max(200), { description: "The user, by name" }).optional(),
};
const BINDING_ONE_OF = [
  { params: ["application_id", "application_name"], required: false },
  { params: ["rule_id", "rule_name"], required: false },
  { params: ["user_id", "user_name"], required: false },
] as const;

type BindingParams = { application_id?: number; application_name?: string; rule_id?: number; rule_name?: string; user_id?: number; user_name?: string };
const binding = (p: BindingParams) => ({
  applicationId: p.application_id,
  applicationName: p.application_name,
  ruleId: p.rule_id,
  ruleName: p.rule_name,
  userId: p.user_id,
  userName: p.user_name,
});

export const createSipRegistrationMethod = defineMethod({
  name: "CreateSipRegistration",
  group: GROUP,
  summary:
    "Registers the platform as a user on a third party's SIP server, persistent (the default) or only while the bound user is logged in through an SDK (is_persistent=false, needs the user). Charges the first month's subscription (601 when the balance cannot pay). Binding parameters need BindSipRegistration's roles.",
  params: z.object({
    sip_username: userParam("The user name on the SIP server"),
    proxy: hostParam("The SIP server (registrar), host[:port]"),
    auth_user: userParam("The authentication name, when it differs from sip_username").optional(),
    outbound_proxy: hostParam("An outbound proxy, host[:port]").optional(),
    password: w.text(z.string().max(200), { description: "The SIP password" }).optional(),
    is_persistent: w.bool({ description: "true (default): registered until deleted; false: while the bound user is logged in" }).optional(),
    ...bindingParams,
  }),
  oneOf: BINDING_ONE_OF,
  response: z.object({ result: z.literal(1), sip_registration_id: z.number().int() }),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const r = await createSipRegistration(
      actor,
      {
        sipUsername: p.sip_username,
        proxy: p.proxy,
        authUser: p.auth_user ?? "",
        outboundProxy: p.outbound_proxy ?? "",
        password: p.password ?? "",
        isPersistent: p.is_persistent ?? true,
        ...binding(p),
      },
      clock,
    );
    return done({ sip_registration_id: r.id });
  },
});

export const updateSipRegistrationMethod = defineMethod({
  name: "UpdateSipRegistration",
  group: GROUP,
  summary: "Changes a registration's SIP account (registering again) and, with binding parameters, where its calls go (BindSipRegistration's roles). A user holds one registration: binding it here unbinds its previous one.",
  params: z.object({
    sip_registration_id: registrationId("The registration"),
    sip_username: userParam("The user name on the SIP server").optional(),
    proxy: hostParam("The SIP server (registrar), host[:port]").optional(),
    auth_user: userParam("The authentication name").optional(),
    outbound_proxy: hostParam("An outbound proxy, host[:port]").optional(),
    password: w.text(z.string().max(200), { description: "A new SIP password" }).optional(),
    ...bindingParams,
  }),
  oneOf: BINDING_ONE_OF,
  response: z.object({ result: z.literal(1) }),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    await updateSipRegistration(
      actor,
      {
        sipRegistrationId: p.sip_registration_id,
        sipUsername: p.sip_username,
        proxy: p.proxy,
        authUser: p.auth_user,
        outboundProxy: p.outbound_proxy,
        password: p.password,
        ...binding(p),
      },
      clock,
    );
    return done();
  },
});

export const bindSipRegistrationMethod = defineMethod({
  name: "BindSipRegistration",
  group: GROUP,
  summary:
    "Binds a registration (sip_registration_id) to an application and its rule or user, or with bind=false unbinds one registration, or every registration bound to the application (and to the rule or user, when named).",
  params: z.object({
    sip_registration_id: registrationId("The registration (required to bind)").optional(),
    bind: w.bool({ description: "true (default): bind; false: unbind" }).optional(),
    ...bindingParams,
  }),
  oneOf: BINDING_ONE_OF,
  response: z.object({ result: z.number().int().meta({ description: "How many registrations changed" }) }),
  errors: ERRORS,
  async handler(p, { actor }) {
    const changed = await bindSipRegistration(actor, { sipRegistrationId: p.sip_registration_id, bind: p.bind ?? true, ...binding(p) });
    return { result: changed };
  },
});

export const deleteSipRegistrationMethod = defineMethod({
  name: "DeleteSipRegistration",
  group: GROUP,
  summary: "Unregisters and deletes a registration (the month paid is not refunded).",
  params: z.object({ sip_registration_id: registrationId("The registration") }),
  response: z.object({ result: z.literal(1) }),
  errors: ERRORS,
  async handler(p, { actor }) {
    await deleteSipRegistration(actor, { sipRegistrationId: p.sip_registration_id });
    return done();
  },
});

export const getSipRegistrationsMethod = defineMethod({
  name: "GetSipRegistrations",
  group: GROUP,
  summary: "The account's registrations by id, filtered by any of the parameters (all must hold).",
  params: z.object({
    sip_registration_id: registrationId("Only this registration").optional(),
    sip_username: w.optionalText(z.string().max(64), "Only registrations whose user name contains this (any case)"),
    deactivated: w.bool({ description: "Only deactivated (unpaid) ones, or only active ones" }).optional(),
    successful: w.bool({ description: "Only registered ones, or only unregistered ones" }).optional(),
    is_persistent: w.bool({ description: "Only persistent ones, or only SDK-login ones" }).optional(),
    application_id: w.intList({ description: "Only those bound to these applications", apiCode: API_ERROR.APPLICATION_NOT_FOUND }).optional(),
    application_name: w.stringList(z.string().max(200), { description: "Only those bound to these applications, by name" }).optional(),
    is_bound_to_application: w.bool({ description: "Only bound ones, or only unbound ones" }).optional(),
    rule_id: w.intList({ description: "Only those bound to these rules", apiCode: API_ERROR.INVALID_RULE }).optional(),
    rule_name: w.stringList(z.string().max(200), { description: "Only those bound to these rules, by name" }).optional(),
    user_id: w.intList({ description: "Only those bound to these users", apiCode: API_ERROR.INVALID_USER_ID }).optional(),
    proxy: w.stringList(z.string().max(300), { description: "Only those on these registrars (host[:port])" }).optional(),
    in_progress: w.bool({ description: "Only those mid-REGISTER (none here: the registrar answers at once)" }).optional(),
    status_code: w.optionalText(z.string().max(3), "Only those whose last REGISTER answered this SIP status code"),
    ...w.paging,
  }),
  response: listResponse(ZSIPRegistrationType),
  errors: ERRORS,
  async handler(p, { actor }) {
    const { items, total } = await listSipRegistrations(actor, {
      sipRegistrationId: p.sip_registration_id,
      sipUsername: p.sip_username,
      deactivated: p.deactivated,
      successful: p.successful,
      isPersistent: p.is_persistent,
      applicationIds: p.application_id,
      applicationNames: p.application_name,
      isBoundToApplication: p.is_bound_to_application,
      ruleIds: p.rule_id,
      ruleNames: p.rule_name,
      userIds: p.user_id,
      proxies: p.proxy,
      inProgress: p.in_progress,
      statusCode: p.status_code,
      offset: p.offset,
      count: p.count,
    });
    return page(items.map(sipRegistrationType), total);
  },
});

export const sipRegistrationMethods: RegisteredMethod[] = [
  createSipRegistrationMethod,
  updateSipRegistrationMethod,
  bindSipRegistrationMethod,
  deleteSipRegistrationMethod,
  getSipRegistrationsMethod,
] as RegisteredMethod[];
