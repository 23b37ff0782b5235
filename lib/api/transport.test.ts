// The contract's transport (docs/management-api.md "Transport", "Envelope"): every request style,
// value encoding, the 102/103 errors, HTTP 200 JSON for everything, rate limiting, and no
// internal detail ever leaking.
import { generateKeyPairSync } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { createTestAccount, TEST_PASSWORD_HASH } from "@/test/factories";
import { handleApiRequest } from "./handle";
import { RateLimiter } from "./rate-limit";
import { buildRegistry, defineMethod, DONE_RESPONSE, type RegisteredMethod } from "./registry";
import { callApi, callAs, insertKey, REQUEST_STYLES, snapshot, tokenFor } from "@/test/api-kit";

async function setup() {
  const acct = await createTestAccount();
  const key = await insertKey(acct.id, ["Owner"]);
  return { acct, key };
}

const names = (body: { result?: unknown }) => (body.result as { subuser_name: string }[]).map((s) => s.subuser_name);

describe("Management API transport", () => {
  for (const style of REQUEST_STYLES) {
    it(`works in request style ${style}`, async () => {
      const { acct, key } = await setup();
      const add = await callAs(key, "AddSubUser", { new_subuser_name: "Viaform1", new_subuser_password: "Gr8-Passw0rd!", role_name: "Admin;Developer" }, style);
      expect(add.status).toBe(200);
      expect(add.body.error).toBeUndefined();
      const id = (add.body.result as { subuser_id: number }).subuser_id;
      expect(typeof id).toBe("number");
      const sub = await db.subuser.findFirstOrThrow({ where: { id, accountId: acct.id }, include: { roles: true } });
      expect(sub.name).toBe("viaform1");
      expect(sub.roles.map((r) => r.role).sort()).toEqual(["Admin", "Developer"]);
      const list = await callAs(key, "GetSubUsers", { with_roles: "True" }, style);
      expect(list.body).toMatchObject({ count: 1, total_count: 1 });
      expect((list.body.result as { roles: { role_id: number }[] }[])[0]!.roles.map((r) => r.role_id)).toEqual([2, 4]);
      expect(list.response.headers.get("cache-control")).toContain("no-store");
      expect(list.response.headers.get("content-type")).toContain("application/json");
    });
  }

  it("reads booleans as true/false/True/False/1/0 in any case", async () => {
    const { acct, key } = await setup();
    await db.subuser.create({ data: { accountId: acct.id, name: "boolsub", passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Admin" }] } } });
    for (const v of ["true", "True", "TRUE", "1"]) {
      const r = await callAs(key, "GetSubUsers", { with_roles: v });
      expect((r.body.result as { roles?: unknown }[])[0]!.roles, v).toBeDefined();
    }
    for (const v of ["false", "False", "0", ""]) {
      const r = await callAs(key, "GetSubUsers", { with_roles: v });
      expect((r.body.result as { roles?: unknown }[])[0]!.roles, v).toBeUndefined();
    }
    const bad = await callAs(key, "GetSubUsers", { with_roles: "yes" });
    expect(bad.body.error).toEqual({ code: 101, msg: "Invalid 'with_roles': must be true or false" });
  });

  it("merges `;` lists and repeated parameters", async () => {
    const { acct, key } = await setup();
    const sub = await db.subuser.create({ data: { accountId: acct.id, name: "listsub", passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Support" }] } } });
    expect((await callAs(key, "SetSubUserRoles", { subuser_id: String(sub.id), role_id: ["2", "4;5"] })).body).toEqual({ result: 1 });
    expect((await callAs(key, "SetSubUserRoles", { subuser_id: String(sub.id), role_name: "Accountant; UserManager;" })).body).toEqual({ result: 1 });
    const roles = await db.subuserRole.findMany({ where: { subuserId: sub.id } });
    expect(roles.map((r) => r.role).sort()).toEqual(["Accountant", "Admin", "Developer", "Supervisor", "Support", "UserManager"]);
  });

  it("merges the query string with the body, the body winning", async () => {
    const { acct, key } = await setup();
    for (const n of ["first", "second", "third"]) {
      await db.subuser.create({ data: { accountId: acct.id, name: `${n}-sub`, passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Admin" }] } } });
    }
    const token = await tokenFor(key);
    const post = (url: string, body: string) =>
      handleApiRequest(
        new Request(url, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" }, body }),
        null,
      ).then((r) => r.json() as Promise<{ result: unknown; count: number }>);
    const r = await post("http://localhost/platform_api?cmd=GetSubUsers&count=1&offset=1", "count=5");
    expect(r.count).toBe(2);
    expect(names(r)).toEqual(["second-sub", "third-sub"]);
    // cmd too: the body's wins.
    const r2 = await post("http://localhost/platform_api?cmd=DelSubUser", "cmd=GetRoleGroups");
    expect(r2.count).toBe(4);
  });

  it("treats parameter names like __proto__, constructor and valueOf as plain names", async () => {
    const { acct, key } = await setup();
    await db.subuser.create({ data: { accountId: acct.id, name: "protosub", passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Admin" }] } } });
    for (const style of REQUEST_STYLES) {
      const params = { ["__proto__"]: "x", constructor: "y", valueOf: ["", "0"], hasOwnProperty: "1", with_roles: "true" };
      const r = await callAs(key, "GetSubUsers", params, style);
      expect(r.body.error, style).toBeUndefined();
      expect(names(r.body)).toEqual(["protosub"]);
    }
    expect((await callAs(key, "DelSubUser", { ["__proto__"]: "1" })).body.error?.code).toBe(485);
  });

  it("answers 102 without cmd and 103 for unknown methods, on both paths", async () => {
    const { key } = await setup();
    const token = await tokenFor(key);
    const root = (body: string) =>
      handleApiRequest(new Request("http://localhost/platform_api", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" }, body }), null).then(
        (r) => r.json(),
      );
    expect(await root("")).toEqual({ error: { code: 102, msg: "Missing the 'cmd' parameter" } });
    expect(await root("cmd=")).toMatchObject({ error: { code: 102 } });
    expect(await root("cmd=GetCallHistoryV2")).toEqual({ error: { code: 103, msg: "Unknown command 'GetCallHistoryV2'" } });
    expect((await callApi("getroles", {}, { token, style: "path-urlencoded" })).body.error?.code).toBe(103);
    expect((await callApi("toString", {}, { token, style: "path-urlencoded" })).body.error?.code).toBe(103);
    expect((await callApi("__proto__", {}, { token, style: "cmd-urlencoded" })).body.error?.code).toBe(103);
  });

  it("answers every request with HTTP 200 JSON, also bodies it cannot read", async () => {
    const { key } = await setup();
    const token = await tokenFor(key);
    const send = (init: RequestInit) => handleApiRequest(new Request("http://localhost/platform_api/GetRoles", { method: "POST", ...init }), "GetRoles");
    const json = await send({ headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: '{"group_name":"x"}' });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ error: { code: 101 } });
    const xml = await send({ headers: { authorization: `Bearer ${token}`, "content-type": "text/xml" }, body: "<group_name>x</group_name>" });
    expect(xml.status).toBe(200);
    expect(await xml.json()).toMatchObject({ error: { code: 101 } });
    const big = await send({ headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" }, body: `x=${"a".repeat(1024 * 1024 + 10)}` });
    expect(await big.json()).toMatchObject({ error: { code: 101, msg: "Request body too large" } });
    const broken = await send({ headers: { authorization: `Bearer ${token}`, "content-type": "multipart/form-data; boundary=zzz" }, body: "not multipart" });
    expect(await broken.json()).toMatchObject({ error: { code: 101 } });
    // A file part is read as text.
    const form = new FormData();
    form.append("group_name", new Blob(["Management"]), "g.txt");
    const file = await send({ headers: { authorization: `Bearer ${token}` }, body: form });
    expect(((await file.json()) as { count: number }).count).toBe(2);
  });

  it("answers 340 beyond the per-key rate and audits one refusal per second", async () => {
    const { acct, key } = await setup();
    const other = await insertKey(acct.id, ["Owner"]);
    const limiter = new RateLimiter(() => 3);
    let t = Date.now();
    const clock = () => new Date(t);
    const call = async (k = key) => {
      const token = await tokenFor(k, { iat: Math.floor(t / 1000) });
      const r = await handleApiRequest(new Request("http://localhost/platform_api/GetRoleGroups", { method: "POST", headers: { authorization: `Bearer ${token}` } }), "GetRoleGroups", { limiter, clock });
      return ((await r.json()) as { error?: { code: number } }).error?.code;
    };
    expect([await call(), await call(), await call()]).toEqual([undefined, undefined, undefined]);
    expect([await call(), await call()]).toEqual([340, 340]);
    expect(await call(other)).toBeUndefined(); // per key
    t += 1000;
    expect(await call()).toBeUndefined();
    const limited = await db.auditLog.count({ where: { accountId: acct.id, action: "api.rate_limited" } });
    expect(limited).toBe(1);
  });

  it("masks unexpected errors as code 1 and logs them", async () => {
    const { key } = await setup();
    const boom: RegisteredMethod = defineMethod({
      name: "GetRoles",
      group: "test",
      summary: "throws",
      params: z.object({}),
      response: DONE_RESPONSE,
      async handler() {
        throw new Error("SQLITE_CONSTRAINT: UNIQUE constraint failed: Subuser.passwordHash at /srv/app/lib/x.ts:12");
      },
    }) as RegisteredMethod;
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const token = await tokenFor(key);
    const r = await handleApiRequest(
      new Request("http://localhost/platform_api/GetRoles", { method: "POST", headers: { authorization: `Bearer ${token}` } }),
      "GetRoles",
      { registry: buildRegistry([boom]) },
    );
    const text = await r.text();
    expect(r.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ error: { code: 1, msg: "Internal error" } });
    expect(text).not.toMatch(/SQLITE|constraint|\/srv/i);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it("a domain error names a parameter only if the method takes it: never an internal field name", async () => {
    const { key } = await setup();
    const failing = (field: string): RegisteredMethod =>
      defineMethod({
        name: "GetRoles",
        group: "test",
        summary: "refuses",
        params: z.object({ thing_id: z.string().optional() }),
        response: DONE_RESPONSE,
        errors: { fields: { thingId: "thing_id" } },
        async handler() {
          throw new AppError("NOT_FOUND", { message: "Thing not found", field });
        },
      }) as RegisteredMethod;
    const call = async (field: string) => {
      const token = await tokenFor(key);
      const r = await handleApiRequest(new Request("http://localhost/platform_api/GetRoles", { method: "POST", headers: { authorization: `Bearer ${token}` } }), "GetRoles", {
        registry: buildRegistry([failing(field)]),
      });
      return ((await r.json()) as { error: { msg: string } }).error.msg;
    };
    expect(await call("thingId")).toBe("Thing not found (parameter 'thing_id')");
    expect(await call("internalId")).toBe("Thing not found");
  });

  it("envelopes: mutations {result: 1}, lists with count and total_count, ids as numbers, key_id as a string", async () => {
    const { acct, key } = await setup();
    const sub = await db.subuser.create({ data: { accountId: acct.id, name: "envsub", passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Admin" }] } } });
    expect((await callAs(key, "DelSubUser", { subuser_id: String(sub.id) })).body).toEqual({ result: 1 });
    const keys = await callAs(key, "GetKeys", { count: "1" });
    expect(keys.body).toMatchObject({ count: 1, total_count: 1 });
    expect(typeof (keys.body.result as { key_id: unknown }[])[0]!.key_id).toBe("string");
    const info = await callAs(key, "GetAccountInfo");
    expect(typeof (info.body.result as { account_id: unknown }).account_id).toBe("number");
    expect((info.body.result as { created: string }).created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(info.body.api_address).toBe("http://localhost/platform_api");
  });

  // Threat: api_address naming the listener's bind address (http://0.0.0.0:3000) that Next puts
  // in request.url, or a host a client forged with X-Forwarded-Host (issue 7 part 3).
  it("api_address names the request's host or PUBLIC_URL, never the bind address nor an untrusted X-Forwarded-Host", async () => {
    const { key } = await setup();
    const call = async (headers: Record<string, string>) => {
      const request = new Request("http://0.0.0.0:3000/platform_api/GetAccountInfo", {
        method: "POST",
        headers: { authorization: `Bearer ${await tokenFor(key)}`, ...headers },
      });
      return ((await (await handleApiRequest(request, "GetAccountInfo")).json()) as { api_address?: string }).api_address;
    };
    expect(await call({ host: "panel.example.com:8443" })).toBe("http://panel.example.com:8443/platform_api");
    expect(await call({ host: "panel.example.com", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" })).toBe("http://panel.example.com/platform_api");
    const saved = { PUBLIC_URL: process.env.PUBLIC_URL, TRUST_PROXY_HOPS: process.env.TRUST_PROXY_HOPS };
    try {
      process.env.TRUST_PROXY_HOPS = "1";
      expect(await call({ host: "10.0.0.5:3000", "x-forwarded-host": "sb.example.org", "x-forwarded-proto": "https" })).toBe("https://sb.example.org/platform_api");
      process.env.PUBLIC_URL = "https://api.example.net";
      expect(await call({ host: "10.0.0.5:3000" })).toBe("https://api.example.net/platform_api");
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  // PostgreSQL cannot hold a NUL in text: a NUL reaching a lookup there would answer code 1.
  it("refuses a token whose kid holds a NUL as malformed, before looking it up", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const iat = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ iss: "1", iat, exp: iat + 60 }).setProtectedHeader({ alg: "RS256", kid: "k\u0000" }).sign(privateKey);
    const r = await callApi("GetAccountInfo", {}, { token });
    expect(r.body.error?.msg).toMatch(/^Invalid token format: the 'kid' header is not a key id/);
  });

  for (const style of REQUEST_STYLES) {
    it(`refuses a NUL in a parameter's value, naming it, nothing written (${style})`, async () => {
      const { acct, key } = await setup();
      const before = await snapshot(acct.id);
      expect((await callAs(key, "GetApplications", { application_name: "a\u0000b" }, style)).body).toEqual({
        error: { code: 101, msg: "Invalid 'application_name': must not contain a NUL character" },
      });
      // A parameter's own rule answers first, with its own code.
      expect((await callAs(key, "AddSubUser", { new_subuser_name: "nul\u0000", new_subuser_password: "Gr8-Passw0rd!", role_name: "Admin" }, style)).body.error?.code).toBe(452);
      // A parameter the method does not have is ignored, whatever its name holds.
      expect((await callAs(key, "GetApplications", { "x\u0000y": "\u0000" }, style)).body.error).toBeUndefined();
      expect(await snapshot(acct.id)).toEqual(before);
      // A key whose roles do not allow the method hears 104 first, whatever its parameters.
      const support = await insertKey(acct.id, ["Support"]);
      expect((await callAs(support, "AddSubUser", { new_subuser_name: "nul\u0000" }, style)).body.error?.code).toBe(104);
    });
  }

  it("refuses a NUL in a JSON body's value, naming it", async () => {
    const { key } = await setup();
    const request = new Request("http://localhost/platform_api/GetApplications", {
      method: "POST",
      headers: { authorization: `Bearer ${await tokenFor(key)}`, "content-type": "application/json" },
      body: JSON.stringify({ application_name: "a\u0000" }),
    });
    expect(await (await handleApiRequest(request, "GetApplications")).json()).toEqual({ error: { code: 101, msg: "Invalid 'application_name': must not contain a NUL character" } });
  });
});
