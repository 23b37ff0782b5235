// Where a webhook may point: http or https on a public address. The server POSTs to it, so a URL
// aimed at loopback, a private network or a cloud metadata address would let an account owner
// reach what only the server can (server-side request forgery). The host is checked when the URL
// is saved (a literal address) and again on every connection: a literal address before connecting
// (refusedLiteral; Node skips the lookup for one), a name's every resolved address through the
// socket's lookup (guardedLookup), so a name that later resolves somewhere private is refused too.
// WEBHOOKS_ALLOW_PRIVATE=true lifts this for a closed network (and the test suite's receiver).
import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";

const PRIVATE_V4 = new BlockList();
const PRIVATE_V6 = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const) {
  PRIVATE_V4.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE_V6.addSubnet(net, bits, "ipv6");
}

/** Whether an IP address (v4 or v6 text) is loopback, private, link-local, shared, reserved or multicast. */
export function isPrivateAddress(ip: string): boolean {
  // An IPv4-mapped IPv6 address is its IPv4 address (::ffff:127.0.0.1 is loopback).
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const family = isIP(ip);
  if (family === 0) return true;
  // BlockList matches an IPv4 address against IPv4-mapped IPv6 rules too, hence one list per family.
  return family === 4 ? PRIVATE_V4.check(ip, "ipv4") : PRIVATE_V6.check(ip, "ipv6");
}

/** Why a URL's literal address may not be connected to, or null (names are checked at lookup, guardedLookup). */
export function refusedLiteral(url: URL, allowPrivate: boolean): string | null {
  const literal = literalHost(url);
  return !allowPrivate && literal && isPrivateAddress(literal) ? `${literal} is a private address: webhooks go to public addresses only` : null;
}

/** The URL's host as an address literal ("[::1]" -> "::1"), or null for a name. */
export function literalHost(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return isIP(host) ? host : null;
}

/** Whether a host name is one that only ever names this machine or a private network. */
export function isLocalName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal") || !h.includes(".");
}

/**
 * A socket `lookup` that refuses private addresses (unless `allowPrivate`): passed to
 * http(s).request, so the address connected to is the address checked.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (refused) {
        const e: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${refused.address}, a private address: webhooks go to public addresses only`);
        e.code = "EPRIVATE";
        return callback(e, "", 0);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0];
      return first ? callback(null, first.address, first.family) : callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
    });
  };
}
