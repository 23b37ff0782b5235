import "server-only";
// The Management API's authorized IP lists: AddAuthorizedAccountIP, DelAuthorizedAccountIP,
// GetAuthorizedAccountIPs, CheckAuthorizedAccountIP, with the official clients' parameter names and
// AuthorizedAccountIPType. Every handler calls lib/domains/authorized-ips, the same functions as
// the Security page. The lists are enforced on every call (lib/api/auth.ts).
import { z } from "zod";
import type { ErrorMapping } from "@/lib/api/errors";
import { defineMethod, done, listResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { addAuthorizedIp, deleteAuthorizedIps } from "./mutations";
import { checkAuthorizedIp, listAuthorizedIps, type AuthorizedIpDto } from "./queries";
import { ZAuthorizedIpDescription } from "./schemas";

export const ZAuthorizedAccountIPType = z
  .object({
    authorized_ip: z.string().meta({ description: "The IPv4 address or network (CIDR)" }),
    allowed: z.boolean().meta({ description: "true: the allow list; false: the block list" }),
    created: w.timestamp,
    description: z.string().meta({ description: "Ours: the entry's description" }),
  })
  .meta({ id: "AuthorizedAccountIPType" });

export function authorizedAccountIp(e: AuthorizedIpDto): z.output<typeof ZAuthorizedAccountIPType> {
  return { authorized_ip: e.network, allowed: e.allowed, created: w.formatApiDate(e.createdAt), description: e.description };
}

const GROUP = "Authorized IPs";

const ERRORS: ErrorMapping = { fields: { network: "authorized_ip", containsIp: "contains_ip", ip: "authorized_ip", description: "description", allowed: "allowed" } };

/** An address or network as sent; the domain's schema checks it (644, naming the parameter). */
const address = (description: string) => w.text(z.string().max(64), { description });

export const addAuthorizedAccountIpMethod = defineMethod({
  name: "AddAuthorizedAccountIP",
  group: GROUP,
  summary:
    "Adds an IPv4 address or network to the allow list (allowed=true, the default) or the block list. Once the allow list has entries, only they may call the Management API with the account's keys; the block list is refused always. At most 100 entries (646).",
  params: z.object({
    authorized_ip: address("The IPv4 address (192.0.2.7) or network (192.0.2.0/24)"),
    allowed: w.bool({ description: "true (default): the allow list; false: the block list" }).optional(),
    description: w.text(ZAuthorizedIpDescription, { description: "The entry's description (up to 200 characters)" }).optional(),
  }),
  response: z.object({ result: z.literal(1) }),
  errors: ERRORS,
  async handler(p, { actor }) {
    await addAuthorizedIp(actor, { network: p.authorized_ip, allowed: p.allowed ?? true, description: p.description ?? "" });
    return done();
  },
});

export const delAuthorizedAccountIpMethod = defineMethod({
  name: "DelAuthorizedAccountIP",
  group: GROUP,
  summary: "Removes a network (authorized_ip, or 'all' for every entry), or every network holding contains_ip, from one list (allowed) or both. Answers how many went.",
  params: z.object({
    authorized_ip: address("The network to remove, or 'all'").optional(),
    contains_ip: address("Remove the networks holding this IPv4 address").optional(),
    allowed: w.bool({ description: "true: the allow list only; false: the block list only; omitted: both" }).optional(),
  }),
  oneOf: [{ params: ["authorized_ip", "contains_ip"], required: true }],
  response: z.object({ result: z.number().int().meta({ description: "How many entries were removed" }) }),
  errors: ERRORS,
  async handler(p, { actor }) {
    const removed = await deleteAuthorizedIps(actor, {
      ...(p.authorized_ip !== undefined ? { network: p.authorized_ip.trim().toLowerCase() === "all" ? "all" : p.authorized_ip } : {}),
      ...(p.contains_ip !== undefined ? { containsIp: p.contains_ip } : {}),
      ...(p.allowed !== undefined ? { allowed: p.allowed } : {}),
    });
    return { result: removed };
  },
});

export const getAuthorizedAccountIpsMethod = defineMethod({
  name: "GetAuthorizedAccountIPs",
  group: GROUP,
  summary: "The account's entries, allow list first, then by network; filtered by network, list, an address they hold, or part of the description.",
  params: z.object({
    authorized_ip: address("Only this network").optional(),
    allowed: w.bool({ description: "Only the allow list (true) or the block list (false)" }).optional(),
    contains_ip: address("Only the networks holding this IPv4 address").optional(),
    description: w.optionalText(z.string().max(200), "Only entries whose description contains this (any case)"),
    ...w.paging,
  }),
  response: listResponse(ZAuthorizedAccountIPType),
  errors: ERRORS,
  async handler(p, { actor }) {
    const { items, total } = await listAuthorizedIps(actor, {
      network: p.authorized_ip,
      allowed: p.allowed,
      containsIp: p.contains_ip,
      description: p.description,
      offset: p.offset,
      count: p.count,
    });
    return page(items.map(authorizedAccountIp), total);
  },
});

export const checkAuthorizedAccountIpMethod = defineMethod({
  name: "CheckAuthorizedAccountIP",
  group: GROUP,
  summary: "Whether an IPv4 address may call the Management API with the account's keys, and the entry that decides it (absent when none matched).",
  params: z.object({ authorized_ip: address("The IPv4 address to test") }),
  response: z.object({ result: z.boolean(), authorized_ip: z.string().optional().meta({ description: "The network that matched" }) }),
  errors: ERRORS,
  async handler(p, { actor }) {
    const v = await checkAuthorizedIp(actor, { ip: p.authorized_ip });
    return { result: v.allowed, ...(v.match ? { authorized_ip: v.match.network } : {}) };
  },
});

export const authorizedIpMethods: RegisteredMethod[] = [addAuthorizedAccountIpMethod, delAuthorizedAccountIpMethod, getAuthorizedAccountIpsMethod, checkAuthorizedAccountIpMethod] as RegisteredMethod[];
