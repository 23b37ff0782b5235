// Inputs of the account's authorized IP lists, shared by the Security page, its actions and the
// Management API (AddAuthorizedAccountIP, DelAuthorizedAccountIP, GetAuthorizedAccountIPs,
// CheckAuthorizedAccountIP). Networks are IPv4 (the reference's "IP4 or network"), stored in
// canonical form (lib/core/ipv4.ts).
import { z } from "zod";
import { issue, safeText } from "@/lib/core/validate";
import { formatIpv4, formatIpv4Network, parseIpv4, parseIpv4Network } from "@/lib/core/ipv4";
import { AUTHORIZED_IP_DESCRIPTION_MAX } from "./client-safe";

const NETWORK_HELP = "Enter an IPv4 address (192.0.2.7) or network (192.0.2.0/24)";

/** An IPv4 address or CIDR network -> its canonical text ("192.0.2.7/24" -> "192.0.2.0/24"). */
export const ZAuthorizedNetwork = z
  .string({ error: NETWORK_HELP })
  .trim()
  .transform((v, ctx) => {
    const net = parseIpv4Network(v);
    if (!net) {
      issue(ctx, v === "" ? NETWORK_HELP : `${NETWORK_HELP}: “${v.slice(0, 60)}” is neither`, "authorized_ip_invalid");
      return z.NEVER;
    }
    return formatIpv4Network(net);
  });

/** One IPv4 address (canonical). */
export const ZIpv4Address = z
  .string({ error: "Enter an IPv4 address, e.g. 192.0.2.7" })
  .trim()
  .transform((v, ctx) => {
    const ip = parseIpv4(v);
    if (ip === null) {
      issue(ctx, "Enter an IPv4 address, e.g. 192.0.2.7", "authorized_ip_invalid");
      return z.NEVER;
    }
    return formatIpv4(ip);
  });

export const ZAuthorizedIpDescription = z
  .string()
  .trim()
  .max(AUTHORIZED_IP_DESCRIPTION_MAX, `Description must be at most ${AUTHORIZED_IP_DESCRIPTION_MAX} characters`)
  .superRefine(safeText("Description"));

export const ZAddAuthorizedIpInput = z.object({
  network: ZAuthorizedNetwork,
  /** true: the allow list (the default); false: the block list. */
  allowed: z.boolean().default(true),
  description: ZAuthorizedIpDescription.default(""),
});
export type AddAuthorizedIpInput = z.input<typeof ZAddAuthorizedIpInput>;

/**
 * Which entries to remove: `network` (one network, or "all"), or every network holding
 * `containsIp`; from one list (`allowed`) or both (omitted).
 */
export const ZDeleteAuthorizedIpsInput = z
  .object({
    network: z.union([z.literal("all"), ZAuthorizedNetwork]).optional(),
    containsIp: ZIpv4Address.optional(),
    allowed: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.network === undefined) === (v.containsIp === undefined)) {
      ctx.addIssue({ code: "custom", path: ["network"], message: "Name the network to remove (or all), or an address whose networks to remove" });
    }
  });
export type DeleteAuthorizedIpsInput = z.input<typeof ZDeleteAuthorizedIpsInput>;

export const ZListAuthorizedIpsInput = z.object({
  network: ZAuthorizedNetwork.optional(),
  allowed: z.boolean().optional(),
  containsIp: ZIpv4Address.optional(),
  /** Part of the description, any case. */
  description: z.string().trim().max(AUTHORIZED_IP_DESCRIPTION_MAX).optional(),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(100),
});
export type ListAuthorizedIpsInput = z.input<typeof ZListAuthorizedIpsInput>;
