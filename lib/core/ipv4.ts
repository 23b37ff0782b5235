// IPv4 addresses and networks (CIDR, RFC 4632) as the account's authorized IP lists hold them
// (Management API AddAuthorizedAccountIP: "The authorized IP4 or network"). Pure: the API's
// enforcement, the Security page and the tests share it.

/** An IPv4 network: its first address as an unsigned 32-bit integer and its prefix length (0-32). */
export type Ipv4Network = { base: number; prefix: number };

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** "192.0.2.7" -> 3221225991; null for anything else (no leading zeros beyond "0", each octet 0-255). */
export function parseIpv4(text: string): number | null {
  const m = OCTETS.exec(text);
  if (!m) return null;
  let n = 0;
  for (const part of m.slice(1)) {
    if (part.length > 1 && part.startsWith("0")) return null;
    const v = Number(part);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/** 3221225991 -> "192.0.2.7". */
export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

const maskOf = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/**
 * "192.0.2.0/24", "192.0.2.7" (a /32) -> the network; a network written with host bits set
 * ("192.0.2.7/24") is the network that holds it (192.0.2.0/24). Null for anything else.
 */
export function parseIpv4Network(text: string): Ipv4Network | null {
  const [addr, len, extra] = text.trim().split("/");
  if (extra !== undefined || addr === undefined) return null;
  const ip = parseIpv4(addr);
  if (ip === null) return null;
  if (len === undefined) return { base: ip, prefix: 32 };
  if (!/^\d{1,2}$/.test(len) || Number(len) > 32) return null;
  const prefix = Number(len);
  return { base: (ip & maskOf(prefix)) >>> 0, prefix };
}

/** The canonical text: "192.0.2.7" for a single address, "192.0.2.0/24" for a network. */
export function formatIpv4Network(net: Ipv4Network): string {
  return net.prefix === 32 ? formatIpv4(net.base) : `${formatIpv4(net.base)}/${net.prefix}`;
}

/** Whether the network holds the address. */
export function networkContains(net: Ipv4Network, ip: number): boolean {
  return (ip & maskOf(net.prefix)) >>> 0 === net.base;
}

/**
 * A client address as the server sees it -> its IPv4 integer, or null for a pure IPv6 address.
 * An IPv4-mapped IPv6 address ("::ffff:192.0.2.7", how a dual-stack socket reports an IPv4
 * client) is its IPv4 address.
 */
export function clientIpv4(address: string): number | null {
  const a = address.trim().toLowerCase();
  return parseIpv4(a.startsWith("::ffff:") ? a.slice(7) : a);
}
