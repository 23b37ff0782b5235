// @ts-check
// Where a request came from and which address the panel is reached at, from its headers. Plain
// JavaScript so that two places share one rule: scripts/server.mjs (plain Node, in front of Next:
// it sanitises the forwarding headers and checks server actions' Origin) and the app itself
// (lib/core/request-info.ts: api_address, the OpenAPI servers, the subuser login link, Auth.js's
// redirects). Types in forwarded.d.mts.
//
// The rule (docs/SECURITY.md, README "Configuration"): PUBLIC_URL when it is set; otherwise the
// request's own Host over plain HTTP (the listener speaks nothing else). X-Forwarded-Host and
// X-Forwarded-Proto are anyone's to send, so they count only behind TRUST_PROXY_HOPS > 0 trusted
// proxies, and then only the entry those proxies vouch for. Never the listener's bind address.

/** Host syntax: a DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const HOST_RE = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})?)*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/**
 * Whether `host` is a usable `host[:port]` (no path, no credentials, no spaces): anything else in
 * a Host or X-Forwarded-Host header is refused rather than pasted into a URL.
 * @param {string} host
 */
export function isValidHost(host) {
  return host.length <= 261 && HOST_RE.test(host);
}

/**
 * The entry of a comma-separated forwarding header (X-Forwarded-Host, X-Forwarded-Proto) that
 * `hops` trusted proxies vouch for: proxies that append put the outermost one's entry `hops`
 * from the right, anything a client sent sits further left; proxies that overwrite leave one
 * entry. Undefined when the header is absent or empty.
 * @param {string | null | undefined} value
 * @param {number} hops
 */
export function trustedEntry(value, hops) {
  const entries = String(value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) return undefined;
  return entries[Math.max(0, entries.length - Math.max(1, hops))];
}

/**
 * The origin the client used to reach this request, `{ proto, host }`, by the rule above;
 * null when the host it names is unusable (missing or malformed).
 * @param {(name: string) => string | null | undefined} header a header getter (lower-case names)
 * @param {number} trustProxyHops
 * @returns {{ proto: "http" | "https", host: string } | null}
 */
export function requestOrigin(header, trustProxyHops) {
  let host = header("host") ?? "";
  /** @type {"http" | "https"} */
  let proto = "http";
  if (trustProxyHops > 0) {
    host = trustedEntry(header("x-forwarded-host"), trustProxyHops) ?? host;
    const p = trustedEntry(header("x-forwarded-proto"), trustProxyHops)?.toLowerCase();
    if (p === "https" || p === "http") proto = p;
  }
  host = host.trim();
  return isValidHost(host) ? { proto, host: host.toLowerCase() } : null;
}

/**
 * The panel's public base URL for this request, without a trailing slash: `publicUrl`
 * (PUBLIC_URL, already validated) when set, else the request's origin by the rule above, else
 * `http://localhost` for a request naming no usable host.
 * @param {(name: string) => string | null | undefined} header
 * @param {{ publicUrl?: string | undefined, trustProxyHops: number }} config
 */
export function publicOriginOf(header, config) {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, "");
  const o = requestOrigin(header, config.trustProxyHops);
  return o ? `${o.proto}://${o.host}` : "http://localhost";
}
