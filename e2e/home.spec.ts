// A home page that helps (issue 8, item 3): a new account's dashboard is a checklist computed from
// its real state, cards for the sections the viewer opens (each a link to its section) and the
// recent activity of the audit log as sentences.
import { test, expect } from "./fixtures";
import { E2E_PASSWORD, uniq } from "./fixtures/db";

test("a new account's owner gets the getting-started checklist; each step ticks as it is done", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/dashboard");
  const checklist = page.getByTestId("checklist");
  await expect(checklist).toContainText("0 of 6 done");
  await expect(checklist.locator("[data-step]")).toHaveCount(6);
  await expect(checklist.locator('[data-done="true"]')).toHaveCount(0);
  // Logging in is access, not a change: nothing to show yet.
  await expect(page.getByTestId("recent-activity")).toContainText("Nothing has changed");

  // The first step's link leads to where it is done.
  await checklist.getByRole("link", { name: "Create an application" }).click();
  await expect(page).toHaveURL(/\/applications$/);
  await page.getByRole("button", { name: "Create application" }).click();
  const name = uniq("first-");
  await page.getByRole("dialog", { name: "Create application" }).getByLabel("Name").fill(name);
  await page.getByRole("dialog", { name: "Create application" }).getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();

  await page.goto("/dashboard");
  await expect(checklist).toContainText("1 of 6 done");
  await expect(checklist.locator('[data-step="application"]')).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("recent-activity")).toContainText(`The account owner created the application ${name}`);
  await expect(page.locator('[data-stat="applications"]')).toHaveText("1");
  // "Add a user" now leads into that application.
  await checklist.getByRole("link", { name: "Add a user" }).click();
  await expect(page).toHaveURL(/\/applications\/\d+\/users$/);

  // "Buy a phone number" leads to the catalogue, "Make a test call" to the calls page.
  await page.goto("/dashboard");
  await checklist.getByRole("link", { name: "Buy a phone number" }).click();
  await expect(page).toHaveURL(/\/numbers\/buy$/);
  await page.goto("/dashboard");
  await checklist.getByRole("link", { name: "Make a test call" }).click();
  await expect(page).toHaveURL(/\/calls$/);

  // Cards link to their sections.
  await page.goto("/dashboard");
  await page.locator('[data-card="subusers"]').click();
  await expect(page).toHaveURL(/\/settings\/subusers$/);
});

test("when every step is done the checklist gives way to the account's figures", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  await factory.appUser({ accountId: acct.id, applicationId: app.id });
  await factory.subuser({ accountId: acct.id, roles: ["Payer"] });
  await factory.db.apiKey.create({ data: { id: uniq("k-"), accountId: acct.id, name: "k", publicKeyPem: "x" } });
  const n = `+1996${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
  await factory.db.phoneNumber.create({
    data: { number: n, countryCode: "US", regionId: 1, category: "GEOGRAPHIC", smsSupported: true, setupPriceMinor: 100, monthlyPriceMinor: 100, status: "active", accountId: acct.id, purchasedAt: new Date() },
  });
  const now = new Date();
  await factory.db.callSession.create({
    data: { accountId: acct.id, applicationId: app.id, initiator: "panel", direction: "outbound", fromNumber: "", toNumber: "+12125550199", status: "completed", startedAt: now, plannedEndAt: now },
  });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/dashboard");
  await expect(page.locator('[data-stat="applications"]')).toHaveText("1");
  await expect(page.getByTestId("checklist")).toHaveCount(0);
});

test("a subuser sees only the steps and cards of its own sections", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const sub = await factory.subuser({ accountId: acct.id, roles: ["Developer"], password: E2E_PASSWORD });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: sub.name, password: sub.password })).newPage();
  await page.goto("/dashboard");
  // Developer: applications, service accounts and calls; no users, no subusers, no numbers, no billing.
  const steps = await page.getByTestId("checklist").locator("[data-step]").evaluateAll((els) => els.map((e) => e.getAttribute("data-step")));
  expect(steps).toEqual(["application", "service-account", "test-call"]);
  const cards = await page.locator("[data-card]").evaluateAll((els) => els.map((e) => e.getAttribute("data-card")));
  expect(cards).toEqual(["applications", "serviceAccounts"]);
});
