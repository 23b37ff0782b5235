// Inputs of SIP registrations, shared by the two panel pages, their actions and the Management
// API (CreateSipRegistration, UpdateSipRegistration, BindSipRegistration, DeleteSipRegistration,
// GetSipRegistrations). Hosts are DNS names or IPv4 addresses with an optional port, stored in
// lower case; a SIP user part is RFC 3261's `user` characters without escapes.
import { z } from "zod";
import { issue, safeText, zId } from "@/lib/core/validate";
import { parseIpv4 } from "@/lib/core/ipv4";
import { SIP_PASSWORD_MAX, SIP_USERNAME_MAX } from "./client-safe";

/** RFC 3261 `user`: unreserved characters and the user-unreserved marks (no escapes, no `@` or `:`). */
const SIP_USER = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/]+$/;
/** A DNS name of letters, digits and hyphens, dot-separated, at most 253 characters. */
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** "pbx.example.com", "pbx.example.com:5080" or "192.0.2.10:5060" -> lower case, or null. */
export function normaliseSipHost(text: string): string | null {
  const v = text.trim().toLowerCase().replace(/^sips?:/, "");
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(v);
  if (!m) return null;
  const [, host, port] = m;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535 || port.startsWith("0"))) return null;
  const isIp = /^[\d.]+$/.test(host!);
  if (isIp ? parseIpv4(host!) === null : host!.length > 253 || !host!.split(".").every((l) => DNS_LABEL.test(l))) return null;
  return port ? `${host}:${port}` : host!;
}

/** A host[:port] field; `optional`: "" means none. */
const hostField = (label: string, example: string, optional = false) =>
  z
    .string({ error: `Enter the ${label}, e.g. ${example}` })
    .trim()
    .transform((v, ctx) => {
      if (optional && v === "") return "";
      const host = normaliseSipHost(v);
      if (host === null) {
        issue(ctx, v === "" ? `Enter the ${label}, e.g. ${example}` : `The ${label} must be a host name or IPv4 address with an optional port, e.g. ${example}`);
        return z.NEVER;
      }
      return host;
    });

export const ZSipProxy = hostField("proxy", "pbx.example.com or 192.0.2.10:5060");
/** An optional outbound proxy: "" for none. */
export const ZOutboundProxy = hostField("outbound proxy", "sbc.example.com:5060", true);

/** A SIP user part; `optional`: "" means none. */
const userPart = (label: string, optional = false) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .superRefine((v, ctx) => {
      if (v === "") {
        if (!optional) issue(ctx, `Enter the ${label}`);
      } else if (v.length > SIP_USERNAME_MAX) issue(ctx, `The ${label} must be at most ${SIP_USERNAME_MAX} characters`);
      else if (!SIP_USER.test(v)) issue(ctx, `The ${label} may hold letters, digits and - _ . ! ~ * ' ( ) & = + $ , ; ? / only`);
    });

export const ZSipUsername = userPart("SIP user name");
/** The authentication name: "" to authenticate as the SIP user name. */
export const ZSipAuthUser = userPart("authentication name", true);
/** Any printable text up to SIP_PASSWORD_MAX; "" for a PBX that asks for none. */
export const ZSipPassword = z
  .string()
  .max(SIP_PASSWORD_MAX, `The password must be at most ${SIP_PASSWORD_MAX} characters`)
  .superRefine(safeText("Password"));

/**
 * Where calls to the registered user go: an application and one of its rules, or one of its
 * users; by id or name (the API's pairs; the panel sends ids and a user name). An application
 * alone binds the registration to it without a rule (calls then find no route).
 */
export const ZSipBinding = z.object({
  applicationId: zId("Choose an application", "application_id_invalid").optional(),
  applicationName: z.string().trim().min(1).max(200).optional(),
  ruleId: zId("Choose a rule", "rule_not_found").optional(),
  ruleName: z.string().trim().min(1).max(200).optional(),
  userId: zId("Choose a user", "user_not_found").optional(),
  userName: z.string().trim().min(1).max(200).optional(),
});
export type SipBindingInput = z.input<typeof ZSipBinding>;

export const ZCreateSipRegistrationInput = z
  .object({
    sipUsername: ZSipUsername,
    proxy: ZSipProxy,
    authUser: ZSipAuthUser.default(""),
    outboundProxy: ZOutboundProxy.default(""),
    password: ZSipPassword.default(""),
    isPersistent: z.boolean().default(true),
  })
  .extend(ZSipBinding.shape);
export type CreateSipRegistrationInput = z.input<typeof ZCreateSipRegistrationInput>;

/** Only the fields given change; the password keeps its value unless one is sent. */
export const ZUpdateSipRegistrationInput = z
  .object({
    sipRegistrationId: zId("Choose a SIP registration", "sip_registration_not_found"),
    sipUsername: ZSipUsername.optional(),
    proxy: ZSipProxy.optional(),
    authUser: ZSipAuthUser.optional(),
    outboundProxy: ZOutboundProxy.optional(),
    password: ZSipPassword.optional(),
  })
  .extend(ZSipBinding.shape);
export type UpdateSipRegistrationInput = z.input<typeof ZUpdateSipRegistrationInput>;

/**
 * BindSipRegistration: bind (the default) one registration to the application's rule or user,
 * or unbind: one registration, or with no id every registration bound to the application (and
 * to the rule or user, when one is named).
 */
export const ZBindSipRegistrationInput = z
  .object({
    sipRegistrationId: zId("Choose a SIP registration", "sip_registration_not_found").optional(),
    bind: z.boolean().default(true),
  })
  .extend(ZSipBinding.shape)
  .superRefine((v, ctx) => {
    if (v.bind && v.sipRegistrationId === undefined) ctx.addIssue({ code: "custom", path: ["sipRegistrationId"], message: "Choose the SIP registration to bind", params: { reason: "parameter_missing" } });
    if (v.sipRegistrationId === undefined && v.applicationId === undefined && v.applicationName === undefined) {
      ctx.addIssue({ code: "custom", path: ["sipRegistrationId"], message: "Name the SIP registration, or the application whose registrations to unbind", params: { reason: "parameter_missing" } });
    }
  });
export type BindSipRegistrationInput = z.input<typeof ZBindSipRegistrationInput>;

export const ZListSipRegistrationsInput = z.object({
  sipRegistrationId: zId("Not a SIP registration id", "sip_registration_not_found").optional(),
  /** Part of the SIP user name, any case. */
  sipUsername: z.string().trim().max(SIP_USERNAME_MAX).optional(),
  deactivated: z.boolean().optional(),
  successful: z.boolean().optional(),
  isPersistent: z.boolean().optional(),
  applicationIds: z.array(z.number().int().positive()).max(100).optional(),
  applicationNames: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  isBoundToApplication: z.boolean().optional(),
  ruleIds: z.array(z.number().int().positive()).max(100).optional(),
  ruleNames: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  userIds: z.array(z.number().int().positive()).max(100).optional(),
  /** Exact proxies (host[:port], any case). */
  proxies: z.array(z.string().trim().min(1).max(260)).max(100).optional(),
  /** true: a non-persistent registration waiting for its user's login (ours: nothing is ever mid-REGISTER here). */
  inProgress: z.boolean().optional(),
  /** The last REGISTER's SIP status code, e.g. "200" or "401". */
  statusCode: z.string().trim().regex(/^\d{3}$/, "A SIP status code is three digits").optional(),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(100),
});
export type ListSipRegistrationsInput = z.input<typeof ZListSipRegistrationsInput>;
