// The Marketplace as the account owner uses it: install the IVR menu into an application (a menu
// option naming a user the application lacks is refused under its field, nothing written), then
// the voicemail template with its routing rule, and call the application's number: the installed
// scenario answers, greets and records. The installed table links to the scenario.
import { seriousViolations } from "./fixtures/axe";
import { test, expect } from "./fixtures";

const NUMBER = `+1996${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

test("installs templates into an application, and a test call runs the installed voicemail", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id, "front");
  await factory.appUser({ accountId: acct.id, applicationId: app.id }, { name: "alice" });
  await factory.db.phoneNumber.create({
    data: { number: NUMBER, countryCode: "US", regionId: 1, category: "GEOGRAPHIC", smsSupported: false, setupPriceMinor: 100, monthlyPriceMinor: 100, status: "active", accountId: acct.id, applicationId: app.id, purchasedAt: new Date() },
  });
  await factory.db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 20_00, kind: "topup", memo: "e2e top-up" } });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();

  await page.goto("/marketplace");
  await expect(page.locator('[data-section="marketplace"]').first()).toBeVisible();
  await expect(page.locator("[data-empty-state]")).toContainText("Nothing installed yet");
  expect(await seriousViolations(page), "axe on /marketplace").toEqual([]);

  // The IVR menu: a user the application lacks is refused under Options; nothing is written.
  await page.getByRole("button", { name: "Install IVR menu" }).click();
  const ivr = page.getByRole("dialog", { name: "Install IVR menu" });
  await ivr.getByLabel("Options").fill("1 +14155550123\n2 ghost");
  await ivr.getByRole("button", { name: "Install" }).click();
  await expect(ivr.locator('[data-field-error="options"]')).toHaveText('"ghost" is not a user of front');
  // Focus lands on the refused field, whose error a screen reader reads with its label.
  await expect(ivr.getByLabel("Options")).toBeFocused();
  expect(await factory.db.scenario.count({ where: { accountId: acct.id } })).toBe(0);
  expect(await seriousViolations(page), "axe on the install dialog with an error").toEqual([]);
  await ivr.getByLabel("Options").fill("1 +14155550123\n2 alice");
  // Without a rule: the menu is written but no call reaches it yet.
  await ivr.getByLabel("Add a routing rule that sends calls to this scenario").uncheck();
  await expect(ivr.getByLabel("Rule pattern")).toHaveCount(0);
  await ivr.getByRole("button", { name: "Install" }).click();
  await expect(page.locator('[data-toast="success"]').first()).toContainText("IVR menu installed in front as the scenario ivr-menu");

  // Voicemail, with its rule for every call.
  await page.getByRole("button", { name: "Install Voicemail" }).click();
  const vm = page.getByRole("dialog", { name: "Install Voicemail" });
  await vm.getByLabel("Longest message (seconds)").fill("5");
  await vm.getByLabel("Greeting").fill("You reached front. Leave a message.");
  await vm.getByRole("button", { name: "Install" }).click();
  await expect(page.locator('[data-toast="success"]').first()).toContainText("Voicemail installed in front as the scenario voicemail, with its rule first in the application's rules");

  const table = page.getByRole("table", { name: "Installed templates" });
  await expect(table.locator("tbody tr")).toHaveCount(2);
  const row = table.locator("tbody tr").filter({ hasText: "Voicemail" });
  await expect(row).toContainText(".*");
  await expect(table.locator("tbody tr").filter({ hasText: "IVR menu" })).toContainText("none");

  // The scenario link opens the editor on the installed text.
  await row.getByRole("link", { name: "Scenario voicemail" }).click();
  await expect(page).toHaveURL(new RegExp(`/applications/${app.id}/scenarios\\?scenario=\\d+$`));
  await expect(page.locator(".cm-content")).toContainText("You reached front. Leave a message.");

  // A call to the application's number runs it: answered, greeted, a 5 s message recorded.
  await page.goto(`/applications/${app.id}/call-history`);
  await page.getByRole("button", { name: "Simulate inbound call" }).click();
  const inbound = page.getByRole("dialog", { name: "Simulate an inbound call" });
  await inbound.getByLabel("Number or SIP registration called").selectOption({ label: `${NUMBER} (front)` });
  await inbound.getByLabel("Caller's number").fill("+447700900123");
  await inbound.getByRole("button", { name: "Call", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/applications/${app.id}/call-history/\\d+`));
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("call-session")).toHaveAttribute("data-status", "completed", { timeout: 1_000 });
  }).toPass({ timeout: 40_000 });
  await expect(page.getByRole("list", { name: "Session log" })).toContainText("You reached front. Leave a message.");
  await expect(page.getByLabel("Recording voicemail")).toBeVisible();
});
