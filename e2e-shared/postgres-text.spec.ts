// Threat: text that SQLite stores but PostgreSQL refuses. PostgreSQL cannot hold a NUL (U+0000)
// in text: a NUL that reaches a query there fails it as a server error (22021), where SQLite
// would just find nothing. A hand-edited URL or a script's parameter must get the answer it gets
// on SQLite: a list page ignores the bad filter, the Management API refuses the parameter naming
// it (101), and the call's audit row is still written.
import { test, expect } from "../e2e/fixtures";
import { apiLogin } from "../e2e/fixtures/auth";
import { SHARED_BASE_URLS } from "../e2e/fixtures/env";

const [A] = SHARED_BASE_URLS;
const NUL = "%00";

test("list pages ignore a search or filter with a NUL instead of failing on PostgreSQL", async ({ playwright, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const ctx = await playwright.request.newContext({ baseURL: A });
  await apiLogin(ctx, { kind: "owner", login: acct.name, password: acct.password });
  const pages = [
    `/applications/${app.id}/users`,
    `/applications/${app.id}/call-history`,
    `/applications/${app.id}/scenarios`,
    `/applications/${app.id}/numbers`,
    "/applications",
    "/settings/subusers",
    "/numbers",
    "/numbers/buy",
    "/calls",
    "/logs",
    "/billing?tab=transactions",
    "/sms/one-way/history",
    "/sms/two-way/history",
  ];
  for (const path of pages) {
    const url = `${path}${path.includes("?") ? "&" : "?"}q=a${NUL}b&source=${NUL}&number=${NUL}`;
    const res = await ctx.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(200);
  }
  await ctx.dispose();
});

test("the Management API refuses a parameter with a NUL naming it, and audits a method name with a NUL", async ({ playwright, factory }) => {
  const acct = await factory.account();
  const key = await factory.apiKey(acct.id, ["Owner"]);
  const ctx = await playwright.request.newContext({ baseURL: A });
  const call = async (path: string, form?: Record<string, string>) => {
    const res = await ctx.post(path, { headers: { authorization: `Bearer ${await key.token()}` }, ...(form ? { form } : {}) });
    expect(res.status(), path).toBe(200);
    return (await res.json()) as { error?: { code: number; msg: string } };
  };

  expect(await call("/platform_api/GetApplications", { application_name: "a\u0000b" })).toEqual({
    error: { code: 101, msg: "Invalid 'application_name': must not contain a NUL character" },
  });
  expect((await call(`/platform_api/GetApplications?application_name=a${NUL}`)).error?.code).toBe(101);

  // A method name with a NUL is an unknown command; its row is written, the NUL stored as U+FFFD.
  const unknown = await call(`/platform_api/Get${NUL}Applications`);
  expect(unknown.error?.msg).toMatch(/^Unknown command/);
  await expect
    .poll(() => factory.db.auditLog.count({ where: { accountId: acct.id, action: "api.call", targetId: "Get\uFFFDApplications" } }))
    .toBe(1);
  await ctx.dispose();
});
