// Whether a client address may call the account's Management API, from its two lists (pure).
// The block list wins; then, when the allow list has entries, the address must be in one of them;
// an account with no entries lets every address through (the reference's white/black lists,
// AddAuthorizedAccountIP and CheckAuthorizedAccountIP).
import { clientIpv4, parseIpv4Network, networkContains } from "@/lib/core/ipv4";

export type AuthorizedIpEntry = { network: string; allowed: boolean };

/** `allowed`, and the entry that decided it (null when no entry matched). */
export type IpVerdict = { allowed: boolean; match: AuthorizedIpEntry | null };

/**
 * The verdict for `address` (as the server saw the client: IPv4, or IPv4-mapped IPv6). A pure
 * IPv6 address matches no entry (the lists hold IPv4), so an allow list with entries refuses it.
 */
export function ipVerdict(entries: readonly AuthorizedIpEntry[], address: string): IpVerdict {
  const matches = (e: AuthorizedIpEntry) => networkHolds(e.network, address);
  const blocked = entries.find((e) => !e.allowed && matches(e));
  if (blocked) return { allowed: false, match: blocked };
  const allowList = entries.filter((e) => e.allowed);
  if (allowList.length === 0) return { allowed: true, match: null };
  const allowedBy = allowList.find(matches);
  return allowedBy ? { allowed: true, match: allowedBy } : { allowed: false, match: null };
}

/** Whether a stored network ("192.0.2.0/24", "192.0.2.7") holds a client address (IPv4 or IPv4-mapped IPv6). */
export function networkHolds(network: string, address: string): boolean {
  const ip = clientIpv4(address);
  const net = ip === null ? null : parseIpv4Network(network);
  return net !== null && networkContains(net, ip!);
}
