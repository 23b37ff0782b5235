// See the panel as a role before granting it (issue 8, item 5). For each assignable role the
// account owner's preview must answer exactly as the demo subuser holding that role: the same
// sidebar, the same status for every page, the same controls on each page it opens. The preview
// only ever narrows the owner's own access, so the one section no role of the owner's login
// holds (Reserved numbers, PhoneNumberManager's alone) stays closed in it: that is the single,
// matrix-derived exception. Threat (last tests): writes through the preview. Every server
// action is refused while it is on, nothing written.
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, navSections, attributeValues } from "./fixtures";
import { BASE_URL, storageStatePath } from "./fixtures/env";
import { OWNER, PRINCIPALS, SECTIONS, holds } from "./fixtures/matrix";
import { panelRoutes } from "./fixtures/pages";
import { uniq } from "./fixtures/db";

const ASSIGNABLE = PRINCIPALS.filter((p) => p !== OWNER);
const PREVIEW_COOKIE = "sb-preview";

/** The owner's saved login with the preview cookie of `roles` added. */
async function ownerPreviewing(playwright: import("@playwright/test").PlaywrightWorkerArgs["playwright"], roles: string[]): Promise<APIRequestContext> {
  const state = JSON.parse(readFileSync(storageStatePath(OWNER), "utf8")) as { cookies: { domain: string }[]; origins: unknown[] };
  const domain = state.cookies[0]?.domain ?? "127.0.0.1";
  state.cookies.push({ name: PREVIEW_COOKIE, value: roles.join(","), domain, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" } as never);
  return playwright.request.newContext({ baseURL: BASE_URL, storageState: state as never });
}

/** The sections the preview must keep closed whatever the role set: those the owner's own login lacks. */
const OWNER_LACKS = SECTIONS.filter((s) => !holds(OWNER, s)).map((s) => s.id);

test.describe.configure({ mode: "parallel" });

test("the only sections a preview keeps closed beyond the role's own are those the owner's login lacks", () => {
  expect(OWNER_LACKS).toEqual(["numbers.reserved"]);
});

for (const role of ASSIGNABLE) {
  test(`previewing ${role} answers like the demo ${role.toLowerCase()} subuser: sidebar, page statuses, controls`, async ({ playwright, apiAs, factory }) => {
    test.setTimeout(180_000);
    const appId = (await factory.demoApplication("sales")).id;
    const preview = await ownerPreviewing(playwright, [role]);
    const subuser = await apiAs(role);

    const sidebar = async (api: APIRequestContext) => navSections(await (await api.get("/dashboard")).text(), "Sections")?.sort();
    const expectedSidebar = (await sidebar(subuser))!.filter((s) => !OWNER_LACKS.includes(s));
    expect(await sidebar(preview)).toEqual(expectedSidebar);

    for (const route of panelRoutes(role, appId)) {
      const [p, s] = await Promise.all([preview.get(route.url, { maxRedirects: 0 }), subuser.get(route.url, { maxRedirects: 0 })]);
      expect.soft(s.status(), `${role} subuser ${route.url}`).toBe(route.status);
      const expected = OWNER_LACKS.includes(route.section) ? 403 : route.status;
      expect.soft(p.status(), `preview of ${role}: ${route.url}`).toBe(expected);
      if (p.status() === 200 && s.status() === 200) {
        const [ph, sh] = [await p.text(), await s.text()];
        // Controls: the same data-action set on the page (the preview's own picker aside, which needs subusers.edit).
        expect.soft(new Set(attributeValues(ph, "data-action")), `controls on ${route.url}`).toEqual(new Set(attributeValues(sh, "data-action")));
        expect.soft(navSections(ph, "Application sections")?.sort(), `tabs on ${route.url}`).toEqual(navSections(sh, "Application sections")?.sort());
        expect.soft(ph, "the banner names the previewed role").toContain(`data-preview-roles="${role}"`);
      }
    }
    await preview.dispose();
  });
}

test("the owner starts a preview from Subusers, sees the banner and the narrowed panel, and ends it", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/settings/subusers");
  await page.getByTestId("preview-roles").click();
  const d = page.getByRole("dialog", { name: "Preview the panel as roles" });
  await d.locator('input[name="roles"][value="Payer"]').check();
  await d.getByRole("button", { name: "Start the preview" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const banner = page.getByTestId("preview-banner");
  await expect(banner).toContainText("Payer");
  // A Payer sees Billing and not Subusers.
  const nav = page.locator("aside").getByRole("navigation", { name: "Sections" });
  await expect(nav.locator('[data-section="billing"]')).toHaveCount(1);
  await expect(nav.locator('[data-section="subusers"]')).toHaveCount(0);
  const res = await page.goto("/settings/subusers");
  expect(res?.status()).toBe(403);
  // The 403 speaks to the owner previewing, not to a subuser: nobody to ask, nothing to request.
  await expect(page.locator("[data-forbidden]")).toContainText("A subuser with Payer would get this page: you are previewing the panel as those roles.");
  await expect(page.locator("[data-forbidden]")).not.toContainText("Ask the account owner");
  await expect(page.getByRole("button", { name: /Request access/ })).toHaveCount(0);
  await banner.getByRole("button", { name: "End preview" }).click();
  await expect(page).toHaveURL(/\/settings\/subusers$/);
  await expect(page.getByTestId("preview-banner")).toHaveCount(0);
  await expect(page.locator('[data-action="subusers.create"]')).toBeVisible();
});

test("a server action posted while previewing is refused, with nothing written", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const ctx = await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password });
  await ctx.addCookies([{ name: PREVIEW_COOKIE, value: "Admin", url: BASE_URL }]);
  const page = await ctx.newPage();
  await page.goto("/applications");
  await expect(page.getByTestId("preview-banner")).toContainText("Admin");
  // Admin holds Applications: the control is there, as for an Admin subuser.
  await page.getByRole("button", { name: "Create application" }).click();
  const d = page.getByRole("dialog", { name: "Create application" });
  const name = uniq("pv-");
  await d.getByLabel("Name").fill(name);
  await d.getByRole("button", { name: "Create" }).click();
  await expect(d.locator("[data-form-error]")).toContainText("previewing");
  expect(await factory.db.application.count({ where: { accountId: acct.id } })).toBe(0);
  expect(await factory.db.auditLog.count({ where: { accountId: acct.id, action: "application.create" } })).toBe(0);
});

test("the access page explains a subuser's sections, and says what is missing when none is chosen", async ({ apiLoggedIn, factory }) => {
  const acct = await factory.account();
  const sub = await factory.subuser({ accountId: acct.id, roles: ["Payer"] });
  const api = await apiLoggedIn({ kind: "owner", login: acct.name, password: acct.password });
  const why = await (await api.get(`/settings/access?subuser=${sub.id}`)).text();
  expect(why).toContain(`data-subuser="${sub.name}"`);
  expect(why).toMatch(/data-why-section="billing" data-granted="true"/);
  expect(why).toMatch(/data-why-section="subusers" data-granted="false"/);
  expect(await (await api.get("/settings/access?subuser=")).text()).toContain("Choose a subuser first: the explanation is about its roles.");
  expect(await (await api.get("/settings/access?subuser=999999999")).text()).toContain("There is no such subuser in this account.");
});
