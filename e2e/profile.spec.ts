// The profile page's sessions list names each session's browser as people say it, with the raw
// User-Agent header as its tooltip (lib/core/user-agent.ts).
import { test, expect } from "./fixtures";

test("the sessions list names the browser, not the raw User-Agent header", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/profile");
  const browser = page.getByTestId("session-browser").first();
  await expect(browser).toHaveText(/^Chrome \d+ on Linux$/);
  expect(await browser.getAttribute("title")).toContain("Mozilla/5.0");
});
