// The client's address and agent, for the audit log, sessions and the per-IP login limiter.
// scripts/server.mjs stamps x-switchboard-client-ip from the socket (overwriting anything the
// client sent); Next's own server would pass a client-sent X-Forwarded-For through untouched.
// Without that header (next dev), the last X-Forwarded-For entry is the best we have.
const CLIENT_IP_HEADER = "x-switchboard-client-ip";

export function clientIpFrom(headers: Headers): string {
  const stamped = headers.get(CLIENT_IP_HEADER);
  if (stamped) return stamped;
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return chain.at(-1) ?? "";
}

export function userAgentFrom(headers: Headers): string {
  return headers.get("user-agent") ?? "";
}
