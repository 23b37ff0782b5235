// Threat: malformed server-action requests answered HTTP 500 with a stack in the log (issue 7 part
// 3): a Next-Action POST with a body of `{{{{`, an empty body, `[null,{"login":"x"}]`, a 5 MB body,
// an Origin of `http://[` or `null`, a foreign origin; and React reply references ("$@", "$F",
// "$h", "$Q" ...) reaching a decoder that resolves them. scripts/action-gate.mjs refuses them
// with a 4xx before Next; this checks its rules, the e2e fuzz (e2e/action-fuzz.isolated.spec.ts) the server.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, gateAction, isActionArgs, isPossibleAction, screenBody, screenHeaders } from "../scripts/action-gate.mjs";

const ID = "7f" + "ab".repeat(20);
const OTHER_ID = "7f" + "cd".repeat(20);
const config = { actionIds: new Set([ID, OTHER_ID]), trustProxyHops: 0 };
const base = { host: "panel.example.com:3000", "next-action": ID, "content-type": "text/plain;charset=UTF-8" };

const headersRefusal = (headers: Record<string, string>, extra: Partial<typeof config> & { publicUrl?: string } = {}) =>
  screenHeaders({ headers }, { ...config, ...extra }).refusal?.status ?? null;

function multipart(fields: [string, string][]): { type: string; body: Buffer } {
  const boundary = "----gate" + Math.random().toString(16).slice(2);
  const parts = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("");
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(`${parts}--${boundary}--\r\n`) };
}

const bodyRefusal = async (headers: Record<string, string>, body: string | Buffer) =>
  (await screenBody({ headers }, Buffer.isBuffer(body) ? body : Buffer.from(body), config))?.status ?? null;

describe("which requests are gated", () => {
  it("POSTs to pages with a Next-Action header or a multipart body; never the route handlers", () => {
    expect(isPossibleAction("POST", "/login", { "next-action": ID })).toBe(true);
    expect(isPossibleAction("POST", "/settings/subusers?x=1", { "content-type": "multipart/form-data; boundary=x" })).toBe(true);
    expect(isPossibleAction("POST", "/login", { "content-type": "application/x-www-form-urlencoded" })).toBe(false);
    expect(isPossibleAction("GET", "/login", { "next-action": ID })).toBe(false);
    for (const p of ["/platform_api", "/platform_api/GetRoles", "/api/auth/callback/owner"]) expect(isPossibleAction("POST", p, { "next-action": ID, "content-type": "multipart/form-data" }), p).toBe(false);
  });
});

describe("headers", () => {
  it("refuse an opaque, unparseable or foreign Origin; accept the request's own host and PUBLIC_URL's", () => {
    expect(headersRefusal({ ...base, origin: "null" })).toBe(403);
    expect(headersRefusal({ ...base, origin: "http://[" })).toBe(400);
    expect(headersRefusal({ ...base, origin: "javascript:alert(1)" })).toBe(400);
    expect(headersRefusal({ ...base, origin: "http://evil.example" })).toBe(403);
    expect(headersRefusal({ ...base, origin: "http://panel.example.com.evil.example:3000" })).toBe(403);
    expect(headersRefusal({ ...base, origin: "https://panel.example.com:3001" })).toBe(403);
    expect(headersRefusal({ ...base, origin: "http://panel.example.com:3000" })).toBeNull();
    expect(headersRefusal({ ...base })).toBeNull(); // no Origin: no browser, as Next allows
    expect(headersRefusal({ ...base, host: "127.0.0.1:3000", origin: "https://sb.example.org" })).toBe(403);
    expect(headersRefusal({ ...base, host: "127.0.0.1:3000", origin: "https://sb.example.org" }, { publicUrl: "https://sb.example.org" })).toBeNull();
    // A client's X-Forwarded-Host is no one's word without trusted proxies.
    expect(headersRefusal({ ...base, origin: "http://evil.example", "x-forwarded-host": "evil.example" })).toBe(403);
    expect(headersRefusal({ ...base, origin: "https://sb.example.org", "x-forwarded-host": "sb.example.org" }, { trustProxyHops: 1 })).toBeNull();
  });

  it("refuse malformed and unknown action ids, other body types and declared bodies over the limit", () => {
    expect(headersRefusal({ ...base, "next-action": "x" })).toBe(400);
    expect(headersRefusal({ ...base, "next-action": "" })).toBe(400);
    expect(headersRefusal({ ...base, "next-action": "7f" + "00".repeat(20) })).toBe(404);
    expect(screenHeaders({ headers: { ...base, "next-action": "7f" + "00".repeat(20) } }, config).refusal?.headers).toEqual({ "x-nextjs-action-not-found": "1" });
    expect(headersRefusal({ ...base, "content-type": "application/json" })).toBe(415);
    expect(headersRefusal({ ...base, "content-length": String(5 * 1024 * 1024) })).toBe(413);
    expect(headersRefusal({ ...base, "content-length": "12abc" })).toBe(400);
    expect(headersRefusal({ ...base, "content-type": "multipart/form-data; boundary=x", "content-length": "100" })).toBeNull();
  });
});

describe("bodies", () => {
  it("refuse what is not a JSON argument list action() takes", async () => {
    for (const body of ["{{{{", "", "null", '"x"', "{}", "[]", "[1,2,3]", '[null,{"login":"x"}]', "[[1]]", '["$@1"]', '["$F1"]', '["$h1"]', '["$Q1"]', '["$W1"]', '["$T"]', '["$1"]', '["$B1"]', '["$K1"]', '[{"a":"$@1"}]', '[{"__proto__":{"x":1}}]', '[{"constructor":{"prototype":{}}}]', "[" + "[".repeat(100) + "]".repeat(100) + "]", "\u0000"]) {
      expect(await bodyRefusal(base, body), JSON.stringify(body).slice(0, 60)).toBe(400);
    }
  });

  it("let through what our forms and dialogs send", async () => {
    for (const body of ['[{"name":"x","roles":["Admin"],"active":true,"n":1}]', "[null]", '[{"nested":{"list":[1,"two",null]},"escaped":"$$dollar","u":"$undefined","d":"$D2026-01-01T00:00:00.000Z"}]', '[{"text":"\\ud800"}]']) {
      expect(await bodyRefusal(base, body), body).toBeNull();
    }
    // useActionState: (previous result, FormData), the FormData's entries under "_1_".
    const form = multipart([["0", '[null,"$K1"]'], ["_1_login", "demo"], ["_1_password", "x"]]);
    expect(await bodyRefusal({ ...base, "content-type": form.type }, form.body)).toBeNull();
    const prev = multipart([["0", '[{"ok":false,"fieldErrors":{"login":"Enter"}},"$K1"]'], ["_1_login", "demo"]]);
    expect(await bodyRefusal({ ...base, "content-type": prev.type }, prev.body)).toBeNull();
    // A plain <form action>: (FormData).
    const plain = multipart([["0", '["$K1"]'], ["_1_x", "y"]]);
    expect(await bodyRefusal({ ...base, "content-type": plain.type }, plain.body)).toBeNull();
  });

  it("refuse malformed multipart action bodies", async () => {
    const cases: [string, string][][] = [
      [["0", "{{{{"]],
      [["_1_login", "x"]],
      [["0", '["$K1"]'], ["0", '["$K1"]']],
      [["0", '["$K1","$K2"]']],
      [["0", '[null,"$K1"]'], ["1", '{"then":"$1:__proto__:then"}']],
      [["0", '[null,"$@1"]'], ["1", "[]"]],
      [["0", '[{"a":1},{"b":2}]']],
    ];
    for (const fields of cases) {
      const form = multipart(fields);
      expect(await bodyRefusal({ ...base, "content-type": form.type }, form.body), JSON.stringify(fields)).toBe(400);
    }
    expect(await bodyRefusal({ ...base, "content-type": "multipart/form-data; boundary=zzz" }, "garbage")).toBe(400);
  });

  it("check forms posted before hydration: $ACTION_ID_ / $ACTION_REF_ naming actions of this build", async () => {
    const post = async (fields: [string, string][]) => {
      const form = multipart(fields);
      return (await screenBody({ headers: { host: base.host, "content-type": form.type } }, form.body, config))?.status ?? null;
    };
    const ref = (descriptor: string, bound = "[null]") => [["$ACTION_REF_1", ""], ["$ACTION_1:0", descriptor], ["$ACTION_1:1", bound], ["$ACTION_KEY", "k1"], ["login", "demo"]] as [string, string][];
    expect(await post(ref(JSON.stringify({ id: ID, bound: "$@1" })))).toBeNull();
    expect(await post([[`$ACTION_ID_${ID}`, ""], ["login", "demo"]])).toBeNull();
    expect(await post([["login", "demo"]])).toBe(400);
    expect(await post([[`$ACTION_ID_${"7f" + "00".repeat(20)}`, ""]])).toBe(400);
    expect(await post(ref("{{{{"))).toBe(400);
    expect(await post(ref(JSON.stringify({ id: "7f" + "00".repeat(20), bound: null })))).toBe(400);
    expect(await post(ref(JSON.stringify({ id: ID, bound: "$@1" }), "{{{{"))).toBe(400);
    expect(await post(ref(JSON.stringify({ id: ID, bound: "$@1" }), '["$@2"]'))).toBe(400);
    expect(await post(ref(JSON.stringify({ id: ID, bound: "$h1" })))).toBe(400);
    expect(await post([...ref(JSON.stringify({ id: ID, bound: "$@1" })), ["$ACTION_1:5", "[]"], ["$ACTION_9:0", "x"]])).toBe(400);
  });

  it("take action()'s argument shapes only", () => {
    expect(isActionArgs([{}], false)).toBe(true);
    expect(isActionArgs([null, "$K1"], true)).toBe(true);
    expect(isActionArgs(["$K1"], true)).toBe(true);
    expect(isActionArgs(["$K1"], false)).toBe(false);
    expect(isActionArgs([{}, {}], true)).toBe(false);
    expect(isActionArgs([], true)).toBe(false);
    expect(isActionArgs([[]], true)).toBe(false);
    expect(isActionArgs(["text"], true)).toBe(false);
  });
});

describe("gateAction on a live socket", () => {
  let server: Server;
  let port = 0;
  const seen: { method?: string; body: string }[] = [];
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const admitted = await gateAction(req, res, config);
      if (!admitted) return;
      const chunks: Buffer[] = [];
      for await (const c of admitted as IncomingMessage) chunks.push(c as Buffer);
      seen.push({ method: admitted.method, body: Buffer.concat(chunks).toString() });
      res.end("next");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const send = (headers: Record<string, string>, body: Buffer | string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest({ port, method: "POST", path: "/login", headers: { ...base, host: `127.0.0.1:${port}`, ...headers } }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", (e) => (String(e).includes("EPIPE") || String(e).includes("ECONNRESET") ? resolve({ status: -1, text: String(e) }) : reject(e)));
      req.end(body);
    });

  it("hands Next the same request with its body replayed", async () => {
    const r = await send({}, '[{"login":"demo"}]');
    expect(r).toEqual({ status: 200, text: "next" });
    expect(seen.at(-1)).toEqual({ method: "POST", body: '[{"login":"demo"}]' });
  });

  it("answers a body over the limit 413 without buffering it, even without a Content-Length", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, "a");
    const r = await send({ "transfer-encoding": "chunked" }, big);
    expect([413, -1]).toContain(r.status);
    const declared = await send({ "content-length": String(ACTION_BODY_LIMIT + 1) }, Buffer.alloc(ACTION_BODY_LIMIT + 1, "a"));
    expect([413, -1]).toContain(declared.status);
    expect(seen.every((s) => s.body.length <= ACTION_BODY_LIMIT)).toBe(true);
  });

  it("answers malformed bodies 400 and never hands them on", async () => {
    const before = seen.length;
    for (const body of ["{{{{", "", '[null,{"login":"x"}]']) expect((await send({}, body)).status, body).toBe(400);
    expect(seen.length).toBe(before);
  });
});
