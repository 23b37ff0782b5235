// The client's address and agent, for the audit log, sessions and the per-IP login limiter.
// Next's own server appends the socket address to X-Forwarded-For, so the last entry is the
// nearest hop we can trust; with TRUST_PROXY_HOPS=n (behind n reverse proxies) we step back n.
export function clientIpFrom(headers: Headers): string {
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const hops = Number(process.env.TRUST_PROXY_HOPS ?? 0) || 0;
  return chain[Math.max(0, chain.length - 1 - hops)] ?? headers.get("x-real-ip") ?? "";
}

export function userAgentFrom(headers: Headers): string {
  return headers.get("user-agent") ?? "";
}
