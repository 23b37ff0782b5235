// Accessibility (issue 8, item 8): axe-core on every page route of the panel, as the account owner
// (in the light and the dark theme) and as three subuser roles whose pages differ, plus the
// pages outside the panel. Any serious or critical violation fails, named with its elements.
import { seriousViolations } from "./fixtures/axe";
import { test, expect } from "./fixtures";
import { BASE_URL, storageStatePath } from "./fixtures/env";
import { OWNER } from "./fixtures/matrix";
import { panelRoutes } from "./fixtures/pages";

test.describe.configure({ mode: "parallel" });

const RUNS: { principal: string; colorScheme: "light" | "dark" }[] = [
  { principal: OWNER, colorScheme: "light" },
  { principal: OWNER, colorScheme: "dark" },
  { principal: "Developer", colorScheme: "light" },
  { principal: "Accountant", colorScheme: "light" },
  { principal: "UserManager", colorScheme: "light" },
];

for (const { principal, colorScheme } of RUNS) {
  test(`${principal} (${colorScheme}): no serious or critical axe violation on any page route`, async ({ browser, factory }) => {
    test.setTimeout(420_000);
    const appId = (await factory.demoApplication("sales")).id;
    const context = await browser.newContext({ baseURL: BASE_URL, storageState: storageStatePath(principal), colorScheme });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    for (const route of panelRoutes(principal, appId)) {
      const res = await page.goto(route.url);
      expect.soft(res?.status(), `${principal} ${route.url}`).toBe(route.status);
      const v = await seriousViolations(page);
      if (v.length) found[`${route.url} (${route.status})`] = v;
    }
    await context.close();
    expect(found).toEqual({});
  });
}

test("the pages outside the panel: login, subuser login, signup, a 404", async ({ page, factory }) => {
  const demo = await factory.demoAccount();
  const found: Record<string, string[]> = {};
  for (const url of ["/login", `/login/subuser/${demo.id}`, "/signup", "/no-such-page"]) {
    await page.goto(url);
    const v = await seriousViolations(page);
    if (v.length) found[url] = v;
  }
  expect(found).toEqual({});
});
