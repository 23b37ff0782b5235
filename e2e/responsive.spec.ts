// The panel on a phone (issue 8, item 1): at 390 x 844 no page scrolls sideways, the sidebar is a
// drawer that opens and closes, and a long dialog fits the screen with its buttons in reach.
// The account owner's pages are checked at 390 px by the owner's dark runs of a11y.spec.ts, which
// open every one of them anyway (reflow is WCAG 1.4.10); a Supervisor's, with their own data and
// controls, here.
import { test, expect } from "./fixtures";
import { BASE_URL, storageStatePath } from "./fixtures/env";
import { OWNER } from "./fixtures/matrix";
import { panelRoutes } from "./fixtures/pages";
import { PHONE, sidewaysScroll, sidewaysScrollOnPhone } from "./fixtures/reflow";

test.describe.configure({ mode: "parallel" });

for (const principal of ["Supervisor"]) {
  test(`${principal}: no page scrolls sideways at 390 px`, async ({ browser, factory }) => {
    test.setTimeout(240_000);
    const appId = (await factory.demoApplication("sales")).id;
    const context = await browser.newContext({ baseURL: BASE_URL, storageState: storageStatePath(principal), viewport: PHONE });
    const page = await context.newPage();
    const wide: string[] = [];
    for (const route of panelRoutes(principal, appId)) {
      await page.goto(route.url);
      const wider = await sidewaysScroll(page);
      if (wider) wide.push(`${route.url}: ${wider}`);
    }
    await context.close();
    expect(wide).toEqual([]);
  });
}

test("the sideways check finds content wider than a phone, on a page opened wide and resized to the phone", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.setContent('<main><h1>Probe</h1><div style="width:600px">wide</div></main>');
  expect(await sidewaysScroll(page), "fits at 1280 px").toBeNull();
  expect(await sidewaysScrollOnPhone(page)).toMatch(new RegExp(`^6\\d\\d > ${PHONE.width}$`));
  expect(page.viewportSize(), "the size is restored").toEqual({ width: 1280, height: 720 });
  await page.setContent('<main><h1>Probe</h1><div style="max-width:600px">fits</div></main>');
  expect(await sidewaysScrollOnPhone(page)).toBeNull();
});

test("the sidebar is a drawer below 1024 px: it opens, closes with Escape, and closes on navigation", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE_URL, storageState: storageStatePath(OWNER), viewport: PHONE });
  const page = await context.newPage();
  await page.goto("/dashboard");
  const drawer = page.getByTestId("drawer");
  // The static sidebar is not shown at this width.
  await expect(page.locator("aside nav[aria-label=Sections]")).toBeHidden();
  await page.getByRole("button", { name: "Open the menu" }).click();
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("navigation", { name: "Sections" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(page.getByRole("button", { name: "Open the menu" })).toBeFocused();

  await page.getByRole("button", { name: "Open the menu" }).click();
  await drawer.getByRole("button", { name: "Settings" }).click();
  await drawer.locator('[data-section="subusers"]').click();
  await expect(page).toHaveURL(/\/settings\/subusers$/);
  await expect(drawer).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Subusers" })).toBeVisible();
  await context.close();
});

test("at desktop width the sidebar is there and the menu button is not", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE_URL, storageState: storageStatePath(OWNER), viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/settings/subusers");
  await expect(page.locator("aside").getByRole("navigation", { name: "Sections" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Open the menu" })).toBeHidden();
  // The current page's link is in view in a 900 px high window.
  await expect(page.locator('aside [data-section="subusers"]')).toBeInViewport();
  await context.close();
});

test("a long dialog fits a phone screen: its body scrolls, title and buttons stay in view", async ({ browser, factory }) => {
  const acct = await factory.account();
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: PHONE });
  const { apiLogin } = await import("./fixtures/auth");
  await apiLogin(context.request, { kind: "owner", login: acct.name, password: acct.password });
  const page = await context.newPage();
  await page.goto("/settings/subusers");
  await page.locator('[data-action="subusers.create"]').click();
  const d = page.getByRole("dialog", { name: "Add subuser" });
  await expect(d).toBeVisible();
  const box = (await d.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
  await expect(d.getByRole("heading", { name: "Add subuser" })).toBeInViewport();
  await expect(d.getByRole("button", { name: "Create" })).toBeInViewport();
  await expect(d.getByRole("button", { name: "Cancel" })).toBeInViewport();
  // The roles at the bottom of the body are reached by scrolling the body, not the page.
  const last = d.locator('input[name="roles"]').last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  await expect(d.getByRole("button", { name: "Create" })).toBeInViewport();
  await context.close();
});

test("in the dark theme the backdrop of a dialog and of the drawer clearly dims the page, and blurs it", async ({ browser, factory }) => {
  const acct = await factory.account();
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: PHONE, colorScheme: "dark" });
  const { apiLogin } = await import("./fixtures/auth");
  await apiLogin(context.request, { kind: "owner", login: acct.name, password: acct.password });
  const page = await context.newPage();
  // The overlay's colour laid over the page's own background: how much of the page's light is left.
  const lightLeft = () =>
    page.locator("[data-overlay]").evaluate((el) => {
      const paint = (...colours: string[]) => {
        const ctx = document.createElement("canvas").getContext("2d")!;
        for (const c of colours) {
          ctx.fillStyle = c;
          ctx.fillRect(0, 0, 1, 1);
        }
        const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
        return r! + g! + b!;
      };
      const page = getComputedStyle(document.body).backgroundColor;
      return { left: paint(page, getComputedStyle(el).backgroundColor) / paint(page), filter: getComputedStyle(el).backdropFilter };
    });
  await page.goto("/settings/subusers");
  await page.locator('[data-action="subusers.create"]').click();
  await expect(page.getByRole("dialog", { name: "Add subuser" })).toBeVisible();
  const dialog = await lightLeft();
  expect(dialog.left).toBeLessThanOrEqual(0.3);
  expect(dialog.filter).toMatch(/^blur\(/);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Open the menu" }).click();
  await expect(page.getByTestId("drawer")).toBeVisible();
  expect(await lightLeft()).toEqual(dialog);
  await context.close();
});
