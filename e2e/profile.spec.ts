// The profile page's sessions list names each session's browser as people say it, with the raw
// User-Agent header as its tooltip (lib/core/user-agent.ts); on a phone it fits the screen.
import { randomBytes } from "node:crypto";
import { test, expect } from "./fixtures";
import { apiLogin } from "./fixtures/auth";
import { BASE_URL } from "./fixtures/env";
import { PHONE, sidewaysScroll } from "./fixtures/reflow";

test("the sessions list names the browser, not the raw User-Agent header", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/profile");
  const browser = page.getByTestId("session-browser").first();
  await expect(browser).toHaveText(/^Chrome \d+ on Linux$/);
  expect(await browser.getAttribute("title")).toContain("Mozilla/5.0");
  // Wider than a phone, the IP, browser and expiry have columns of their own.
  await expect(page.getByRole("region", { name: "Your active sessions" }).locator("th:visible")).toHaveText(["Started", "IP", "Browser", "Expires", "End"]);
  await expect(page.getByTestId("session-phone-details")).toBeHidden();
});

test("at 390 px the sessions list fits the phone without scrolling sideways, and every session can still be ended", async ({ browser, factory }) => {
  const acct = await factory.account();
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: PHONE });
  await apiLogin(context.request, { kind: "owner", login: acct.name, password: acct.password });
  // Another session, from the longest kind of address a list shows.
  const ip = "2001:0db8:85a3:0000:0000:8a2e:0370:7334";
  const now = Date.now();
  await factory.db.session.create({
    data: {
      id: randomBytes(32).toString("base64url"),
      accountId: acct.id,
      credVersion: 1,
      createdAt: new Date(now - 60 * 60_000),
      expiresAt: new Date(now + 7 * 60 * 60_000),
      ip,
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    },
  });
  const page = await context.newPage();
  await page.goto("/profile");
  const list = page.getByRole("region", { name: "Your active sessions" });
  await expect(list.getByRole("row")).toHaveCount(3);
  expect(await sidewaysScroll(page)).toBeNull();
  expect(await list.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

  // The IP, browser and expiry are under each session's start, not in columns of their own.
  await expect(list.locator("th:visible")).toHaveText(["Started", "End"]);
  const other = list.getByRole("row").filter({ hasText: ip });
  await expect(other.getByTestId("session-phone-details")).toContainText("Safari 18 on iOS 18");
  await expect(other.getByTestId("session-phone-details")).toContainText("Expires");
  // Both rows' buttons are inside the phone's width.
  const end = other.getByRole("button", { name: /^End session started/ });
  for (const button of [list.getByRole("row").filter({ hasText: "This session" }).getByRole("button", { name: "Log out" }), end]) {
    const box = (await button.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  }
  await end.click();
  await expect(page.locator('[data-toast="success"]')).toContainText("Session ended");
  await expect(list.getByRole("row")).toHaveCount(2);
  // Alone in the list, "Log out" still reads on one line inside its button.
  const logout = list.getByRole("button", { name: "Log out" });
  const box = (await logout.boundingBox())!;
  expect(await logout.evaluate((el) => el.scrollHeight <= el.clientHeight && el.scrollWidth <= el.clientWidth)).toBe(true);
  expect(box.height).toBeLessThanOrEqual(36);
  await context.close();
});
