// SIP registrations as the account owner uses them: create one on All SIP registrations (a bad
// proxy named under its field, nothing stored or charged; a good one registered and its month
// charged; one on an unreachable host shown failed with its reason), bind it to an application's
// rule on the application's page, see where its calls go, unbind it, delete the failed one; a
// call simulated through a bound registration. One account for each test.
import type { Page } from "@playwright/test";
import { seriousViolations } from "./fixtures/axe";
import { test, expect } from "./fixtures";

const toast = (page: Page) => page.locator('[data-toast="success"]').first();

async function createRegistration(page: Page, sipUsername: string, proxy: string, password: string) {
  await page.getByRole("button", { name: "Create registration" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a SIP registration" });
  await dialog.getByLabel("SIP user name").fill(sipUsername);
  await dialog.getByLabel("Proxy", { exact: true }).fill(proxy);
  await dialog.getByLabel("Password", { exact: true }).fill(password);
  await dialog.getByRole("button", { name: "Create registration" }).click();
  return dialog;
}

test("the owner creates SIP registrations, binds one to an application's rule, unbinds it and deletes another", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  await factory.db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 20_00, kind: "topup", memo: "e2e top-up" } });
  const app = await factory.application(acct.id, "pbx-bridge");
  await factory.db.rule.create({ data: { accountId: acct.id, applicationId: app.id, name: "from-pbx", pattern: ".*", position: 0 } });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();

  await page.goto("/settings/sip-registrations");
  await expect(page.locator("[data-empty-state]")).toContainText("No SIP registrations");
  await expect(page.getByText("Each registration costs $1.00 a month")).toBeVisible();

  // A bad proxy stays in the dialog, named under its field: nothing stored, nothing charged.
  const dialog = await createRegistration(page, "1001", "pbx example.com", "s3cret");
  await expect(dialog.locator('[data-field-error="proxy"]')).toContainText("must be a host name or IPv4 address");
  expect(await factory.db.sipRegistration.count({ where: { accountId: acct.id } })).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByLabel("Proxy", { exact: true }).fill("PBX.example.com:5060");
  // A refused form never keeps a password: it asks for it again.
  await expect(dialog.getByLabel("Password", { exact: true })).toHaveAttribute("placeholder", "Type the password again");
  await dialog.getByLabel("Password", { exact: true }).fill("s3cret");
  await dialog.getByRole("button", { name: "Create registration" }).click();
  await expect(toast(page)).toContainText("1001@pbx.example.com:5060 registered");
  const table = page.getByRole("table", { name: "SIP registrations" });
  const first = table.locator("tbody tr").filter({ hasText: "1001@pbx.example.com:5060" });
  await expect(first).toContainText("Registered");
  await expect(first).toContainText("Not bound");

  await createRegistration(page, "2002", "pbx.gone.invalid", "s3cret");
  await expect(page.locator('[data-toast="error"]').first()).toContainText("2002@pbx.gone.invalid saved, not registered: Request Timeout");
  await expect(table.locator("tbody tr").filter({ hasText: "2002@pbx.gone.invalid" })).toContainText("408 Request Timeout: no answer from pbx.gone.invalid");
  expect(await factory.db.ledgerEntry.count({ where: { accountId: acct.id, kind: "sip_registration" } })).toBe(2);

  // The application's page binds the registration to its rule.
  await page.goto(`/applications/${app.id}/sip-registrations`);
  await expect(page.locator("[data-empty-state]")).toContainText("No SIP registrations bound here");
  await page.getByRole("button", { name: "Bind a registration" }).click();
  const bind = page.getByRole("dialog", { name: "Bind a SIP registration" });
  await bind.getByLabel("Registration").selectOption({ label: "1001@pbx.example.com:5060" });
  await expect(bind.getByLabel("Rule")).toHaveValue(/\d+/);
  expect(await seriousViolations(page)).toEqual([]);
  await bind.getByRole("button", { name: "Bind" }).click();
  await expect(toast(page)).toContainText("1001@pbx.example.com:5060 bound");
  const bound = page.getByRole("table", { name: "SIP registrations bound to this application" }).locator("tbody tr");
  await expect(bound).toHaveCount(1);
  await expect(bound.first()).toContainText("Rule from-pbx");

  await page.goto("/settings/sip-registrations");
  await expect(first.getByRole("link", { name: "pbx-bridge: rule from-pbx" })).toHaveAttribute("href", `/applications/${app.id}/sip-registrations`);

  // Unbind it on the application's page; delete the failed one on All SIP registrations.
  await first.getByRole("link", { name: "pbx-bridge: rule from-pbx" }).click();
  // Its load, not only its address: the row menu opens once the page's scripts run.
  await page.waitForURL(`**/applications/${app.id}/sip-registrations`, { waitUntil: "load" });
  await page.getByRole("button", { name: "Actions for 1001@pbx.example.com:5060", exact: true }).click();
  await page.getByRole("menuitem", { name: "Unbind", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unbind" }).click();
  await expect(page.locator("[data-empty-state]")).toContainText("No SIP registrations bound here");

  await page.goto("/settings/sip-registrations");
  await page.getByRole("button", { name: "Actions for 2002@pbx.gone.invalid", exact: true }).click();
  await page.getByRole("menuitem", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(table.locator("tbody tr").filter({ hasText: "2002@pbx.gone.invalid" })).toHaveCount(0);
  await expect(first).toContainText("Not bound");

  const actions = (await factory.db.auditLog.findMany({ where: { accountId: acct.id, action: { startsWith: "sip_registration." } }, orderBy: { id: "asc" } })).map((r) => r.action);
  expect(actions).toEqual(["sip_registration.create", "sip_registration.create", "sip_registration.bind", "sip_registration.unbind", "sip_registration.delete"]);
  const stored = await factory.db.sipRegistration.findMany({ where: { accountId: acct.id }, select: { sipUsername: true, password: true } });
  expect(stored).toEqual([{ sipUsername: "1001", password: "s3cret" }]);
  expect(await page.content()).not.toContain("s3cret");
});

test("a call comes in through a bound registration: Simulate inbound call offers it and the call reaches the rule's application", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id, "pbx-bridge");
  const rule = await factory.db.rule.create({ data: { accountId: acct.id, applicationId: app.id, name: "from-pbx", pattern: ".*", position: 0 } });
  const now = new Date();
  const registration = { accountId: acct.id, proxy: "pbx.example.com", password: "s3cret", monthlyPriceMinor: 1_00, purchasedAt: now, nextRenewalAt: new Date(now.getTime() + 30 * 86_400_000) };
  await factory.db.sipRegistration.create({ data: { ...registration, sipUsername: "1001", applicationId: app.id, ruleId: rule.id, successful: true, statusCode: 200 } });
  // Not offered: unbound, or failing to register.
  await factory.db.sipRegistration.create({ data: { ...registration, sipUsername: "1002", successful: true, statusCode: 200 } });
  await factory.db.sipRegistration.create({ data: { ...registration, sipUsername: "1003", applicationId: app.id, ruleId: rule.id, successful: false, statusCode: 408 } });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();

  await page.goto(`/applications/${app.id}/call-history`);
  await page.getByRole("button", { name: "Simulate inbound call" }).click();
  const inbound = page.getByRole("dialog", { name: "Simulate an inbound call" });
  const called = inbound.getByLabel("Number or SIP registration called");
  await expect(called.locator("option")).toHaveText(["1001@pbx.example.com (pbx-bridge)"]);
  await inbound.getByLabel("Caller's number").fill("+447700900123");
  await inbound.getByRole("button", { name: "Call", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/applications/${app.id}/call-history/\\d+`));
  const call = await factory.db.callSession.findFirstOrThrow({ where: { accountId: acct.id } });
  expect(call).toMatchObject({ direction: "inbound", applicationId: app.id, fromNumber: "+447700900123", toNumber: "1001@pbx.example.com" });
});
