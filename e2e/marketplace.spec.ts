// The Marketplace as the account owner uses it: install the IVR menu into an application (a menu
// option naming a user the application lacks is refused under its field, nothing written), then
// the voicemail template with its routing rule, and call the application's number: the installed
// scenario answers, greets and records. The installed table links to the scenario. Then Queue to
// agents: the form offers the application's queues and names its skills, a misspelt skill is
// refused under its field, and a call reaches the queue's most qualified agent.
// Last, the call list template: its rule matches no dialled number and goes last.
import { seriousViolations } from "./fixtures/axe";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";

type Factory = Parameters<Parameters<typeof test>[2]>[0]["factory"];

/** A new account with an application, an active number attached to it, and $20 on its balance. */
async function accountWithNumber(factory: Factory, appName: string) {
  const acct = await factory.account();
  const app = await factory.application(acct.id, appName);
  const number = `+1996${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
  await factory.db.phoneNumber.create({
    data: { number, countryCode: "US", regionId: 1, category: "GEOGRAPHIC", smsSupported: false, setupPriceMinor: 100, monthlyPriceMinor: 100, status: "active", accountId: acct.id, applicationId: app.id, purchasedAt: new Date() },
  });
  await factory.db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 20_00, kind: "topup", memo: "e2e top-up" } });
  return { acct, app, number };
}

/** Simulates a call from +447700900123 to the number and waits for its session to complete; the session's log. */
async function callAndWait(page: Page, app: { id: number; name: string }, number: string, fields: Record<string, string> = {}) {
  await page.goto(`/applications/${app.id}/call-history`);
  await page.getByRole("button", { name: "Simulate inbound call" }).click();
  const inbound = page.getByRole("dialog", { name: "Simulate an inbound call" });
  await inbound.getByLabel("Number or SIP registration called").selectOption({ label: `${number} (${app.name})` });
  await inbound.getByLabel("Caller's number").fill("+447700900123");
  for (const [label, value] of Object.entries(fields)) await inbound.getByLabel(label).fill(value);
  await inbound.getByRole("button", { name: "Call", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/applications/${app.id}/call-history/\\d+`));
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("call-session")).toHaveAttribute("data-status", "completed", { timeout: 1_000 });
  }).toPass({ timeout: 40_000 });
  return page.getByRole("list", { name: "Session log" });
}

test("installs templates into an application, and a test call runs the installed voicemail", async ({ browserLoggedIn, factory }) => {
  const { acct, app, number } = await accountWithNumber(factory, "front");
  await factory.appUser({ accountId: acct.id, applicationId: app.id }, { name: "alice" });
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
  const log = await callAndWait(page, app, number);
  await expect(log).toContainText("You reached front. Leave a message.");
  await expect(page.getByLabel("Recording voicemail")).toBeVisible();
});

test("Queue to agents: installs into an application with a queue, and a test call reaches its best agent", async ({ browserLoggedIn, factory }) => {
  const { acct, app, number } = await accountWithNumber(factory, "desk");
  const scope = { accountId: acct.id, applicationId: app.id };
  const queue = await factory.db.sqQueue.create({
    data: { ...scope, name: "Support", nameKey: "support", callAgentSelection: "MOST_QUALIFIED", imAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY", imTaskSelection: "MAX_PRIORITY" },
  });
  const english = await factory.db.sqSkill.create({ data: { ...scope, name: "English", nameKey: "english" } });
  for (const [name, level] of [["dave", 2], ["erin", 5]] as const) {
    const user = await factory.appUser({ accountId: acct.id, applicationId: app.id }, { name });
    await factory.db.sqQueueAgent.create({ data: { queueId: queue.id, userId: user.id, accountId: acct.id } });
    await factory.db.sqAgentSkill.create({ data: { userId: user.id, skillId: english.id, accountId: acct.id, level } });
  }
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();

  await page.goto("/marketplace");
  await page.getByRole("button", { name: "Install Queue to agents" }).click();
  const dialog = page.getByRole("dialog", { name: "Install Queue to agents" });
  // The form offers the application's queues and names its skills; a misspelt skill is refused under its field, nothing written.
  await expect(dialog.getByLabel("Queue", { exact: true }).locator("option")).toHaveText(["Support"]);
  const skills = dialog.getByLabel("Required skills (optional)");
  await expect(dialog.getByText("desk's skills: English.")).toBeVisible();
  await skills.fill("Englsh 2");
  await dialog.getByRole("button", { name: "Install" }).click();
  await expect(dialog.locator('[data-field-error="skills"]')).toHaveText('desk has no skill "Englsh": check the spelling, or add it on desk\'s Queues tab');
  await expect(skills).toBeFocused();
  expect(await factory.db.scenario.count({ where: { accountId: acct.id } })).toBe(0);
  await skills.fill("English 2");
  await dialog.getByRole("button", { name: "Install" }).click();
  await expect(page.locator('[data-toast="success"]').first()).toContainText("Queue to agents installed in desk as the scenario queue-to-agents");

  // A call to the number: the queue offers it to erin (the most qualified), who answers after 2 s.
  const log = await callAndWait(page, app, number, { "Whom the scenario calls answers after (s)": "2", "Caller hangs up after (s)": "6" });
  await expect(log).toContainText("SmartQueue: “Support” offers the call to erin");
  await expect(log).toContainText("SmartQueue: erin took the call from “Support”");
});

test("Call list: spoken notification installs with a rule that no dialled number reaches, placed last", async ({ browserLoggedIn, factory }) => {
  const { acct, app, number } = await accountWithNumber(factory, "campaigns");
  const catchAll = await factory.db.rule.create({ data: { accountId: acct.id, applicationId: app.id, name: "everything", pattern: ".*", position: 0 } });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/marketplace");
  await page.getByRole("button", { name: "Install Call list: spoken notification" }).click();
  const dialog = page.getByRole("dialog", { name: "Install Call list: spoken notification" });
  // A call list runs the rule it is given: the form offers a pattern no call matches, and last place.
  await expect(dialog.getByLabel("Rule pattern")).toHaveValue("^call-list-notification$");
  await expect(dialog.getByLabel("Put the rule first")).not.toBeChecked();
  await expect(dialog.getByLabel("Number column")).toHaveValue("phone_number");
  // A caller ID the account may not show is refused under its field; its own number is not.
  await dialog.getByLabel("Caller ID").fill("+1 415 555 0100");
  await dialog.getByRole("button", { name: "Install" }).click();
  await expect(dialog.locator('[data-field-error="callerId"]')).toContainText("+14155550100 is neither one of the account's numbers nor a verified caller ID");
  await dialog.getByLabel("Caller ID").fill(number);
  await dialog.getByRole("button", { name: "Install" }).click();
  await expect(page.locator('[data-toast="success"]').first()).toContainText("Call list: spoken notification installed in campaigns as the scenario call-list-notification");
  const rules = await factory.db.rule.findMany({ where: { applicationId: app.id }, orderBy: { position: "asc" }, select: { id: true, name: true, pattern: true } });
  expect(rules).toEqual([
    { id: catchAll.id, name: "everything", pattern: ".*" },
    { id: expect.any(Number), name: "call-list-notification", pattern: "^call-list-notification$" },
  ]);
  const scenario = await factory.db.scenario.findFirstOrThrow({ where: { accountId: acct.id, name: "call-list-notification" } });
  expect(scenario.script).toContain(`const CALLER_ID = "${number}";`);
});
