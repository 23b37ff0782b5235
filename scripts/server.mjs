#!/usr/bin/env node
// The production HTTP server: Next's request handler behind a thin Node server whose only job
// is to stamp the client's address from the socket (Next's own server keeps a client-sent
// X-Forwarded-For as is, so it cannot be trusted for the per-IP login limiter or the audit log).
// Behind TRUST_PROXY_HOPS=n reverse proxies, the address is taken n hops from the right of the
// X-Forwarded-For chain the proxies built, ending with the socket's peer.
import { createServer } from "node:http";
import next from "next";

export const CLIENT_IP_HEADER = "x-switchboard-client-ip";

function clientIp(req) {
  const peer = req.socket.remoteAddress ?? "";
  const hops = Number(process.env.TRUST_PROXY_HOPS ?? 0) || 0;
  if (hops === 0) return peer;
  const chain = String(req.headers["x-forwarded-for"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  chain.push(peer);
  return chain[Math.max(0, chain.length - 1 - hops)] ?? peer;
}

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers[CLIENT_IP_HEADER] = clientIp(req);
  handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`Switchboard ready on http://localhost:${port}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => server.close(() => process.exit(0)));
}
