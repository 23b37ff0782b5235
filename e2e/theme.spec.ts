// The theme (components/ui/theme.ts): the system's by default, or light or dark as chosen in the
// user menu; the choice is a cookie the server renders on <html data-theme>, login pages included.
import type { Page } from "@playwright/test";
import { test, expect, logOut } from "./fixtures";

test("the theme: chosen in the user menu, shown at once, rendered by the server after a reload and on the login page; 'Same as the system' follows the system again", async ({ browser, factory }) => {
  const { BASE_URL } = await import("./fixtures/env");
  const acct = await factory.account();
  // The page's background lightness (0 black, 1 white) from its computed colour, whatever notation Chromium prints it in.
  const lightness = (page: Page) =>
    page.evaluate(() => {
      const c = document.createElement("canvas").getContext("2d")!;
      c.fillStyle = getComputedStyle(document.body).backgroundColor;
      c.fillRect(0, 0, 1, 1);
      const [r, g, b] = c.getImageData(0, 0, 1, 1).data;
      return (r! + g! + b!) / 765;
    });
  const logIn = async (page: Page) => {
    await page.goto("/login");
    await page.getByLabel("Email or account name").fill(acct.name);
    await page.getByLabel("Password").fill(acct.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  };
  const choose = async (page: Page, name: string) => {
    await page.getByRole("button", { name: /^Account menu/ }).click();
    await page.getByRole("menuitemradio", { name }).click();
    // The menu stays open on a choice, so the change is seen; Escape closes it.
    await expect(page.getByRole("menuitemradio", { name })).toHaveAttribute("aria-checked", "true");
    await page.keyboard.press("Escape");
  };

  const light = await browser.newContext({ baseURL: BASE_URL, colorScheme: "light" });
  const page = await light.newPage();
  await logIn(page);
  expect(await lightness(page)).toBeGreaterThan(0.9);
  await choose(page, "Dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await lightness(page)).toBeLessThan(0.25);
  // The server renders the choice: the HTML itself carries it, so the first paint is dark.
  const html = await (await page.request.get("/dashboard")).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);
  await page.reload();
  expect(await lightness(page)).toBeLessThan(0.25);
  await logOut(page);
  await expect(page).toHaveURL(/\/login$/);
  expect(await lightness(page)).toBeLessThan(0.25);
  await light.close();

  const dark = await browser.newContext({ baseURL: BASE_URL, colorScheme: "dark" });
  const other = await dark.newPage();
  await logIn(other);
  expect(await lightness(other)).toBeLessThan(0.25);
  await choose(other, "Light");
  expect(await lightness(other)).toBeGreaterThan(0.9);
  await choose(other, "Same as the system");
  await expect(other.locator("html")).not.toHaveAttribute("data-theme", /./);
  expect(await lightness(other)).toBeLessThan(0.25);
  expect((await dark.cookies()).some((c) => c.name === "theme")).toBe(false);
  await dark.close();
});
