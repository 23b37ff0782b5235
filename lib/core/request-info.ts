// The client's address and agent, for the audit log, sessions and the per-IP limiters, and the
// address the panel is reached at. scripts/server.mjs stamps x-switchboard-client-ip from the
// socket (overwriting anything the client sent); Next's own server would pass a client-sent
// X-Forwarded-For through untouched. Without that header (next dev), the last X-Forwarded-For
// entry is the best we have.
import { env } from "@/lib/core/env";
import { publicOriginOf } from "@/lib/core/forwarded.mjs";

const CLIENT_IP_HEADER = "x-switchboard-client-ip";

type HeaderSource = { get(name: string): string | null };

export function clientIpFrom(headers: HeaderSource): string {
  const stamped = headers.get(CLIENT_IP_HEADER);
  if (stamped) return stamped;
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return chain.at(-1) ?? "";
}

export function userAgentFrom(headers: HeaderSource): string {
  return headers.get("user-agent") ?? "";
}

/**
 * The panel's public base URL for a request, e.g. "https://panel.example.com" (no trailing
 * slash): PUBLIC_URL when set, else the request's Host over HTTP, or the X-Forwarded-Host /
 * X-Forwarded-Proto entry that TRUST_PROXY_HOPS > 0 trusted proxies vouch for; never the
 * listener's bind address (Next builds `request.url` from it). The one source of every absolute
 * link the panel prints or answers: GetAccountInfo's api_address, the OpenAPI servers, the
 * subuser login link and Auth.js's redirects (lib/core/forwarded.mjs holds the rule, shared
 * with scripts/server.mjs).
 */
export function publicOrigin(headers: HeaderSource): string {
  const { PUBLIC_URL, TRUST_PROXY_HOPS } = env();
  return publicOriginOf((name) => headers.get(name), { publicUrl: PUBLIC_URL, trustProxyHops: TRUST_PROXY_HOPS });
}
