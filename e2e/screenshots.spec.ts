// Screenshots for docs/screenshots/ (issue 8's proof): what a user sees on the dashboard (a new
// account and the demo account), a list, a dialog and a 403 page, at 1440 x 900 and 390 x 844,
// in the light and the dark theme. Documentation, not a check: runs only with SCREENSHOTS=1.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { apiLogin } from "./fixtures/auth";
import { BASE_URL, ROOT, storageStatePath } from "./fixtures/env";
import { OWNER } from "./fixtures/matrix";
import { PHONE } from "./fixtures/reflow";

test.skip(!process.env.SCREENSHOTS, "documentation: SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts");

const OUT = path.join(ROOT, "docs", "screenshots");
const SIZES = [
  { name: "desktop", viewport: { width: 1440, height: 900 } },
  { name: "phone", viewport: PHONE },
] as const;
const THEMES = ["light", "dark"] as const;

type Shot = { name: string; open: (browser: Browser, size: (typeof SIZES)[number], theme: (typeof THEMES)[number]) => Promise<Page> };

async function contextFor(browser: Browser, size: (typeof SIZES)[number], theme: (typeof THEMES)[number], storageState?: string) {
  return browser.newContext({ baseURL: BASE_URL, viewport: size.viewport, colorScheme: theme, storageState, reducedMotion: "reduce" });
}

test.describe.configure({ mode: "serial" });

test("screenshots", async ({ browser, factory }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT, { recursive: true });
  const fresh = await factory.account();
  const shots: Shot[] = [
    {
      name: "dashboard-new-account",
      open: async (b, size, theme) => {
        const ctx = await contextFor(b, size, theme);
        await apiLogin(ctx.request, { kind: "owner", login: fresh.name, password: fresh.password });
        const page = await ctx.newPage();
        await page.goto("/dashboard");
        return page;
      },
    },
    {
      name: "dashboard-demo",
      open: async (b, size, theme) => {
        const page = await (await contextFor(b, size, theme, storageStatePath(OWNER))).newPage();
        await page.goto("/dashboard");
        return page;
      },
    },
    {
      name: "list-subusers",
      open: async (b, size, theme) => {
        const page = await (await contextFor(b, size, theme, storageStatePath(OWNER))).newPage();
        await page.goto("/settings/subusers");
        return page;
      },
    },
    {
      name: "dialog-add-subuser",
      open: async (b, size, theme) => {
        const page = await (await contextFor(b, size, theme, storageStatePath(OWNER))).newPage();
        await page.goto("/settings/subusers");
        await page.locator('[data-action="subusers.create"]').click();
        await expect(page.getByRole("dialog")).toBeVisible();
        return page;
      },
    },
    {
      name: "forbidden-403",
      open: async (b, size, theme) => {
        const page = await (await contextFor(b, size, theme, storageStatePath("Developer"))).newPage();
        await page.goto("/billing");
        return page;
      },
    },
  ];
  for (const shot of shots) {
    for (const size of SIZES) {
      for (const theme of THEMES) {
        const page = await shot.open(browser, size, theme);
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: path.join(OUT, `${shot.name}-${size.name}-${theme}.png`), animations: "disabled" });
        await page.context().close();
      }
    }
  }
});
