// Test support: the official Voximplant Node client (@voximplant/apiclient-nodejs), unchanged,
// against this server over real HTTPS. The route handlers are served in-process by node:https with
// a throwaway self-signed certificate made at test time (test/self-signed-cert.ts; trusted through
// the https global agent's CA list, nothing on disk but the credentials file, removed afterwards).
// The client only takes a host (it always speaks https://<host>/platform_api), so the host is
// localhost:<port>. Call startClient() in beforeAll and stopClient() in afterAll.
import https from "node:https";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { OWNER_ROLE } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { createKey } from "@/lib/domains/service-accounts/mutations";
import { POST } from "@/app/platform_api/route";
import { createTestAccount, type TestAccount } from "@/test/factories";
import { selfSignedCert } from "./self-signed-cert";

// The client is CommonJS with its class on `default`; load it as Node would for an integrator.
export type Client = Record<string, Record<string, (req: Record<string, unknown>) => Promise<Record<string, unknown>>>> & { onReady?: (c: unknown) => void };
const require = createRequire(import.meta.url);
const { default: VoximplantApiClient } = require("@voximplant/apiclient-nodejs") as {
  default: new (params: { pathToCredentials: string; host: string; accountId?: number }) => Client;
};

let server: https.Server;
let dir: string;
let client: Client;
let savedCa: unknown;
let savedRate: string | undefined;
let savedHops: string | undefined;

/**
 * node:https request -> Fetch Request -> the real route handler -> node:https response. This server
 * stands where a TLS terminator stands in a deployment, so it forwards like one (X-Forwarded-Proto)
 * and the suite trusts one proxy hop (TRUST_PROXY_HOPS=1): api_address then names https.
 */
function serve(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    try {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      headers.set("x-switchboard-client-ip", req.socket.remoteAddress ?? "");
      headers.set("x-forwarded-proto", "https");
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const response = await POST(new Request(`https://localhost${req.url}`, { method: req.method, headers, body }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
}

export async function call(group: string, method: string, request: Record<string, unknown> = {}) {
  const fn = client[group]?.[method];
  if (!fn) throw new Error(`The client has no ${group}.${method}`);
  return fn(request);
}

/** A call that must succeed: the client hands error bodies back as `error`. */
export async function ok(group: string, method: string, request: Record<string, unknown> = {}) {
  const r = await call(group, method, request);
  expect(r.error, `${group}.${method}: ${JSON.stringify(r.error)}`).toBeUndefined();
  return r;
}

/** Starts the HTTPS server, makes an account with an Owner key (the panel's Service accounts page) and a client holding it. */
export async function startClient(): Promise<{ acct: TestAccount; owner: Actor; client: Client }> {
  savedRate = process.env.API_RATE_LIMIT_PER_SECOND;
  savedHops = process.env.TRUST_PROXY_HOPS;
  process.env.TRUST_PROXY_HOPS = "1";
  process.env.API_RATE_LIMIT_PER_SECOND = "1000";
  const { key, cert } = selfSignedCert();
  server = https.createServer({ key, cert }, serve);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // The client calls https.request without an agent of its own: the global agent's CA list
  // is how an integrator would trust a private CA (NODE_EXTRA_CA_CERTS does the same at startup).
  savedCa = https.globalAgent.options.ca;
  https.globalAgent.options.ca = cert;

  const acct = await createTestAccount();
  const owner = await acct.actor(OWNER_ROLE);
  // The panel's Service accounts page: an Owner key, downloaded as credentials.json.
  const { credentials } = await createKey(owner, { name: "official-client", description: "", roles: ["Owner"] });
  dir = mkdtempSync(path.join(tmpdir(), "vox-client-"));
  const file = path.join(dir, "credentials.json");
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  const port = (server.address() as AddressInfo).port;
  client = await new Promise<Client>((resolve) => {
    const c = new VoximplantApiClient({ pathToCredentials: file, host: `localhost:${port}` });
    c.onReady = () => resolve(c);
  });
  return { acct, owner, client };
}

/** Another client with the same key: `accountId` puts a child account in the token's iss. */
export function newClient(opts: { accountId?: number } = {}): Promise<Client> {
  return new Promise<Client>((resolve) => {
    const c = new VoximplantApiClient({ pathToCredentials: path.join(dir, "credentials.json"), host: `localhost:${(server.address() as AddressInfo).port}`, ...opts });
    c.onReady = () => resolve(c);
  });
}

export async function stopClient(): Promise<void> {
  https.globalAgent.options.ca = savedCa as string | undefined;
  if (savedRate === undefined) delete process.env.API_RATE_LIMIT_PER_SECOND;
  else process.env.API_RATE_LIMIT_PER_SECOND = savedRate;
  if (savedHops === undefined) delete process.env.TRUST_PROXY_HOPS;
  else process.env.TRUST_PROXY_HOPS = savedHops;
  // (No server when startClient failed: nothing to wait for, where a bare `server?.close(resolve)` never resolved.)
  if (server) await new Promise((resolve) => server!.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
}
