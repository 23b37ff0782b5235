#!/usr/bin/env node
// The production HTTP server: Next's request handler behind a thin Node server that fixes what
// Next takes on trust from the client before any of it reaches the app:
// - the client's address, stamped from the socket (Next's own server keeps a client-sent
//   X-Forwarded-For as is, so it cannot be trusted for the per-IP limiters or the audit log).
//   Behind TRUST_PROXY_HOPS=n reverse proxies, the address is taken n hops from the right of the
//   X-Forwarded-For chain the proxies built, ending with the socket's peer;
// - X-Forwarded-Host / -Proto: dropped unless TRUST_PROXY_HOPS > 0, then reduced to the entry the
//   proxies vouch for (lib/core/forwarded.mjs, the rule the app's publicOrigin() applies), so
//   Next's own Server Actions origin check and Auth.js's URLs see the same host the app does;
// - server actions: malformed requests (a body that is not what our forms send, over 1 MB, an
//   unparseable, opaque or foreign Origin, an id not of this build) are answered 4xx here, before
//   Next, which would answer them 500 with a stack in the log (scripts/action-gate.mjs).
// It also serves the Management API itself (GET and POST on /platform_api[/<Method>]) with the
// route handlers' own function, bundled beside the build, without Next's request pipeline
// (scripts/api-fast-path.mjs; issue 11). Without that bundle, Next's route handlers serve it.
import { createServer } from "node:http";
import next from "next";
import { trustedEntry } from "../lib/core/forwarded.mjs";
import { gateAction, isPossibleAction, loadActionIds } from "./action-gate.mjs";
import { apiRoute, loadApiHandler, serveApi } from "./api-fast-path.mjs";

export const CLIENT_IP_HEADER = "x-switchboard-client-ip";

const hops = Number(process.env.TRUST_PROXY_HOPS ?? 0) || 0;

function clientIp(req) {
  const peer = req.socket.remoteAddress ?? "";
  if (hops === 0) return peer;
  const chain = String(req.headers["x-forwarded-for"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  chain.push(peer);
  return chain[Math.max(0, chain.length - 1 - hops)] ?? peer;
}

function sanitiseForwarding(headers) {
  for (const name of ["x-forwarded-host", "x-forwarded-proto"]) {
    const vouched = hops > 0 ? trustedEntry(headers[name], hops) : undefined;
    if (vouched === undefined) delete headers[name];
    else headers[name] = vouched;
  }
  // Next fills the port in from the listener when it is missing; a client's is never right.
  delete headers["x-forwarded-port"];
}

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
// Where Next fetches a page for a server action's redirect: this listener over plain HTTP (its
// default is built from X-Forwarded-Proto, which names the public scheme, not ours). `next start`
// sets it the same way.
const loopback = hostname === "0.0.0.0" ? "127.0.0.1" : hostname === "::" ? "[::1]" : hostname.includes(":") ? `[${hostname}]` : hostname;
process.env.__NEXT_PRIVATE_ORIGIN ??= `http://${loopback}:${port}`;

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const gate = { actionIds: loadActionIds(".next"), publicUrl: process.env.PUBLIC_URL || undefined, trustProxyHops: hops };
if (!gate.actionIds) console.warn("scripts/server.mjs: no server-reference-manifest.json in .next; server action ids are left to Next");

const api = await loadApiHandler(".next");
if (!api.handle) console.warn(`scripts/server.mjs: ${api.reason}; Next's route handlers serve the Management API`);

const server = createServer(async (req, res) => {
  req.headers[CLIENT_IP_HEADER] = clientIp(req);
  sanitiseForwarding(req.headers);
  const route = api.handle ? apiRoute(req.method, req.url) : undefined;
  if (route) return serveApi(req, res, api.handle, route.pathMethod);
  if (!isPossibleAction(req.method, req.url, req.headers)) return handle(req, res);
  const admitted = await gateAction(req, res, gate);
  if (admitted) handle(admitted, res);
});
server.listen(port, hostname, () => {
  console.log(`Switchboard ready on http://localhost:${port}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => server.close(() => process.exit(0)));
}
