// Threat: information exposure through shared chrome (docs/SECURITY.md "What shared chrome may
// show", issue 7 part 4). The top bar, the dashboard and the 403 page are served to every
// principal; they must show only what its sections allow: no balance without Billing, no count of
// a section it cannot open, no application name on a 403 application page.
import { test, expect, attributeValues } from "./fixtures";
import { PRINCIPALS, SECTIONS, holds } from "./fixtures/matrix";
import { uniq } from "./fixtures/db";

const section = (id: string) => SECTIONS.find((s) => s.id === id)!;
/** Each dashboard figure and the section that shows it. */
const FIGURES: Record<string, string> = {
  applications: "applications",
  appUsers: "application.users",
  subusers: "subusers",
  serviceAccounts: "service_accounts",
  balanceMinor: "billing",
};

test.describe.configure({ mode: "parallel" });

for (const principal of PRINCIPALS) {
  test(`${principal}: the dashboard and top bar show only what its sections allow`, async ({ apiAs }) => {
    const api = await apiAs(principal);
    const html = await (await api.get("/dashboard")).text();
    const shown = attributeValues(html, "data-stat").sort();
    const allowed = Object.entries(FIGURES).filter(([, s]) => holds(principal, section(s))).map(([k]) => k).sort();
    expect(shown).toEqual(allowed);
    expect(html.includes('data-testid="topbar-balance"'), "balance in the top bar").toBe(holds(principal, section("billing")));
    expect(html.includes('data-testid="recent-activity"'), "recent activity (the audit log)").toBe(holds(principal, section("logs")));
    expect(html.includes('data-testid="topbar-notifications"')).toBe(holds(principal, section("notification_history")));
    // The dashboard no longer copies the sidebar: its only section links are its cards' and checklist's.
    expect(html).not.toContain("Your sections");
  });
}

test("a 403 application page names neither the application nor its full name, in the HTML or its RSC payload", async ({ apiAs, factory }) => {
  const demo = await factory.demoAccount();
  const app = await factory.application(demo.id, uniq("hidden-"));
  const refusedSomewhere = PRINCIPALS.filter((p) => SECTIONS.some((s) => s.path?.startsWith("/applications/[appId]") && !holds(p, s)));
  expect(refusedSomewhere.length).toBeGreaterThan(3);
  for (const principal of refusedSomewhere) {
    const api = await apiAs(principal);
    for (const s of SECTIONS.filter((x) => x.kind === "page" && x.path?.startsWith("/applications/[appId]") && !holds(principal, x))) {
      const res = await api.get(s.path!.replace("[appId]", String(app.id)), { maxRedirects: 0 });
      expect.soft(res.status(), `${principal} ${s.id}`).toBe(403);
      const body = await res.text();
      expect.soft(body.includes(app.name), `${principal} ${s.id}: the application's name on its 403 page`).toBe(false);
    }
  }
});

test("a principal without Profile gets no Profile entry in the user menu", async ({ browser, factory }) => {
  const { BASE_URL, storageStatePath } = await import("./fixtures/env");
  void factory;
  for (const principal of ["PhoneNumberManager", "Payer"]) {
    const ctx = await browser.newContext({ baseURL: BASE_URL, storageState: storageStatePath(principal) });
    const page = await ctx.newPage();
    await page.goto("/dashboard");
    await page.getByRole("button", { name: /^Account menu/ }).click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem", { name: "Log out" })).toBeVisible();
    await expect(menu.getByRole("menuitem", { name: "Profile" })).toHaveCount(holds(principal, section("profile")) ? 1 : 0);
    await ctx.close();
  }
});
