// Threat: state kept per app server instead of in the shared database. Behind a load balancer
// consecutive requests of one person land on different servers; a session, a deactivation or a
// revocation that only the server which saw it knows about lets a cut-off principal in through
// the other one, and a limit counted by each server alone lets racing requests through both.
// Servers A and B (playwright.shared.config.ts) share one PostgreSQL database and one AUTH_SECRET.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, locationPath } from "../e2e/fixtures";
import { apiLogin } from "../e2e/fixtures/auth";
import { E2E_PASSWORD, uniq } from "../e2e/fixtures/db";
import { SHARED_BASE_URLS } from "../e2e/fixtures/env";
import { DEMO, demoCredentials, OWNER } from "../e2e/fixtures/matrix";
import * as subusers from "../e2e/fixtures/subusers-page";

const [A, B] = SHARED_BASE_URLS;

/** GET `path` on `base` without following redirects: 200 when the session is live, a redirect to a login page otherwise. */
async function visit(ctx: APIRequestContext, base: string, path: string) {
  const res = await ctx.get(`${base}${path}`, { maxRedirects: 0 });
  return { status: res.status(), to: locationPath(res.headers().location) };
}

test("both servers answer, from one database", async ({ playwright }) => {
  for (const base of [A, B]) {
    const ctx = await playwright.request.newContext({ baseURL: base });
    expect((await ctx.get("/login")).status(), base).toBe(200);
    await ctx.dispose();
  }
});

test("a login on server A works on server B, and the other way round", async ({ playwright, factory }) => {
  const demo = await factory.demoAccount();
  for (const [from, to] of [
    [A, B],
    [B, A],
  ] as const) {
    const ctx = await playwright.request.newContext({ baseURL: from });
    await apiLogin(ctx, demoCredentials(OWNER, demo.id));
    expect(await visit(ctx, to, "/dashboard")).toEqual({ status: 200, to: "" });
    expect(await visit(ctx, from, "/dashboard")).toEqual({ status: 200, to: "" });
    await ctx.dispose();
  }
});

test("a subuser deactivated through server A is refused on its next request to server B", async ({ playwright, browser, factory }) => {
  const demo = await factory.demoAccount();
  const sub = await factory.subuser({ roles: ["Developer"] });
  const subuser = await playwright.request.newContext({ baseURL: B });
  await apiLogin(subuser, { kind: "subuser", accountId: demo.id, name: sub.name, password: sub.password });
  expect(await visit(subuser, B, "/dashboard")).toEqual({ status: 200, to: "" });

  // The owner, in a browser on server A, deactivates it through the Subusers page.
  const owner = await browser.newContext({ baseURL: A });
  await apiLogin(owner.request, demoCredentials(OWNER, demo.id));
  const page = await owner.newPage();
  await page.goto(subusers.SUBUSERS_URL);
  await subusers.deactivate(page, sub.name);
  await owner.close();

  const next = await visit(subuser, B, "/dashboard");
  expect(next.status).toBeGreaterThanOrEqual(300);
  expect(next.to).toMatch(/^\/login/);
  expect((await factory.sessions({ accountId: demo.id, subuserId: sub.id })).every((s) => s.revokedAt !== null)).toBe(true);
  await subuser.dispose();
});

test("a session ended on server B is refused on server A", async ({ playwright, browser, factory }) => {
  const account = await factory.account();
  const creds = { kind: "owner" as const, login: account.name, password: account.password };
  // The session to end: logged in through A, from a recognisable client.
  const victim = await playwright.request.newContext({ baseURL: A, userAgent: "two-servers-victim" });
  await apiLogin(victim, creds);
  expect(await visit(victim, A, "/dashboard")).toEqual({ status: 200, to: "" });

  // The same owner, in a browser on server B, ends it from Profile → Sessions.
  const owner = await browser.newContext({ baseURL: B });
  await apiLogin(owner.request, creds);
  const page = await owner.newPage();
  await page.goto("/profile");
  const row = page.getByRole("row").filter({ hasText: "two-servers-victim" });
  await row.getByRole("button", { name: /^End session/ }).click();
  await expect(page.getByText("Session ended", { exact: true })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "two-servers-victim" })).toHaveCount(0);

  const next = await visit(victim, A, "/dashboard");
  expect(next.status).toBeGreaterThanOrEqual(300);
  expect(next.to).toBe("/login");
  // The browser's own session, on either server, is untouched.
  for (const base of [A, B]) expect(await visit(owner.request, base, "/dashboard"), base).toEqual({ status: 200, to: "" });
  await owner.close();
  await victim.dispose();
});

test("the 100-subuser limit holds when AddSubUser calls race across both servers", async ({ playwright, factory }) => {
  const account = await factory.account();
  // 90 subusers already: room for 10.
  await factory.db.subuser.createMany({
    data: Array.from({ length: 90 }, (_, i) => ({ accountId: account.id, name: `bulk-${i}`, passwordHash: "x" })),
  });
  const keyId = randomUUID();
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  await factory.db.apiKey.create({
    data: { id: keyId, accountId: account.id, name: "race", publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(), roles: { create: [{ role: "Owner" }] } },
  });
  const token = async () => {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: account.id, iat, exp: iat + 64 } as Record<string, unknown>).setProtectedHeader({ alg: "RS256", kid: keyId }).sign(privateKey);
  };
  const api = await playwright.request.newContext();
  const calls = Array.from({ length: 20 }, async (_, i) => {
    const res = await api.post(`${i % 2 ? B : A}/platform_api/AddSubUser`, {
      headers: { authorization: `Bearer ${await token()}` },
      form: { new_subuser_name: uniq(`race${i}-`), new_subuser_password: E2E_PASSWORD, role_name: "Support" },
    });
    expect(res.status()).toBe(200);
    return (await res.json()) as { result?: { subuser_id?: number }; error?: { code: number } };
  });
  const answers = await Promise.all(calls);
  expect(answers.filter((a) => typeof a.result?.subuser_id === "number")).toHaveLength(10);
  expect(answers.filter((a) => a.error?.code === 438)).toHaveLength(10);
  expect(await factory.db.subuser.count({ where: { accountId: account.id } })).toBe(100);
  await api.dispose();
});

test("the demo account was seeded once, though both servers started on the empty database", async ({ factory }) => {
  expect(await factory.db.account.count({ where: { name: DEMO.accountName } })).toBe(1);
  expect(await factory.db.apiKey.count({ where: { account: { name: DEMO.accountName } } })).toBe(1);
});
