// Caller IDs as the account owner verifies one (issue 9): add it (a bad number refused under the
// field), have the simulator "call" it with a code, find the code where the simulator leaves it
// (listed in Notifications; the code taken from that notification's record), enter a wrong code (a
// try is spent) and the right one; only then is it offered as an SMS sender; delete it with
// confirmation. Each test makes its own account.
import { seriousViolations } from "./fixtures/axe";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import type { Factory } from "./fixtures/db";

const NUMBER = "+14155550142";

async function rowMenu(page: Page, item: string) {
  await page.getByRole("button", { name: `Actions for ${NUMBER}`, exact: true }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

/**
 * The newest verification code the simulator left in Notifications. The page must list it (the
 * dialog sends the user there); the code itself is read from that notification's record, because
 * how each kind of notification is worded on /notifications belongs to the notifications page.
 */
async function codeFromNotifications(page: Page, db: Factory["db"], accountId: number): Promise<string> {
  await page.goto("/notifications");
  await expect(page.locator('[data-notification="caller_id_code"]')).toHaveCount(2);
  const newest = await db.notification.findFirstOrThrow({ where: { accountId, kind: "caller_id_code" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const detail = JSON.parse(newest.detail) as { number?: string; code?: string };
  expect(detail.number).toBe(NUMBER);
  expect(detail.code, "a 6-digit code in the caller ID's notification").toMatch(/^\d{6}$/);
  return detail.code!;
}

test("adds a caller ID, sends the code, finds it in Notifications, verifies it, sends SMS from it, deletes it", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/settings/caller-ids");
  await expect(page.locator("[data-empty-state]")).toContainText("No caller IDs yet");

  // Add: a bad number stays in the dialog with its error under the field.
  await page.getByRole("button", { name: "Add caller ID" }).click();
  const add = page.getByRole("dialog", { name: "Add caller ID" });
  await add.getByLabel("Phone number").fill("415 555");
  await add.getByRole("button", { name: "Add and call with a code" }).click();
  await expect(add.locator('[data-field-error="number"]')).toContainText("international format");
  expect(await factory.db.callerId.count({ where: { accountId: acct.id } })).toBe(0);
  await add.getByLabel("Phone number").fill("+1 (415) 555-0142");
  await add.getByRole("button", { name: "Add and call with a code" }).click();
  await expect(page.locator('[data-toast="success"]').first()).toContainText(`${NUMBER} added`);

  // The code dialog follows at once and says where the code is.
  const verify = page.getByRole("dialog", { name: `Verify ${NUMBER}` });
  await expect(verify).toContainText("the code is in Notifications");
  await expect(verify.getByRole("link", { name: /Notifications/ })).toHaveAttribute("href", "/notifications");
  await expect(verify).toContainText("for 3 tries");
  expect(await seriousViolations(page)).toEqual([]);
  await verify.getByRole("button", { name: "Cancel" }).click();
  const row = page.getByRole("table", { name: "Caller IDs" }).locator("tbody tr").filter({ hasText: NUMBER });
  await expect(row.locator("[data-caller-id-status]")).toHaveAttribute("data-caller-id-status", "code-sent");
  await expect(row).toContainText("3 tries left");
  await expect(row).toContainText("4"); // verification calls left
  expect(await seriousViolations(page)).toEqual([]);

  // Not verified yet: the one-way page does not offer it as a sender.
  await page.goto("/sms/one-way");
  await expect(page.getByLabel("Send from", { exact: true }).locator(`option[value="${NUMBER}"]`)).toHaveCount(0);

  // Send the code (again): a new call, a new code in Notifications.
  await page.goto("/settings/caller-ids");
  await rowMenu(page, "Send a new code");
  await expect(page.locator('[data-toast="success"]').first()).toContainText(`Code sent to ${NUMBER}`);
  await expect(verify).toBeVisible();
  await verify.getByRole("button", { name: "Cancel" }).click();
  expect(await factory.db.notification.count({ where: { accountId: acct.id, kind: "caller_id_code" } })).toBe(2);
  const code = await codeFromNotifications(page, factory.db, acct.id);

  // A wrong code spends a try and says so under the field; the right one verifies.
  await page.goto("/settings/caller-ids");
  await rowMenu(page, "Enter code");
  await verify.getByLabel("Verification code").fill(code === "000000" ? "111111" : "000000");
  await verify.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(verify.locator('[data-field-error="code"]')).toHaveText("Wrong code: 2 tries left");
  await verify.getByLabel("Verification code").fill(code);
  await verify.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(verify).toBeHidden();
  await expect(page.locator('[data-toast="success"]').last()).toContainText(`${NUMBER} is verified`);
  await expect(row.locator("[data-caller-id-status]")).toHaveAttribute("data-caller-id-status", "verified");
  expect(await factory.db.callerId.findFirstOrThrow({ where: { accountId: acct.id } })).toMatchObject({ number: NUMBER, active: true });

  // Verified: now a sender of one-way SMS.
  await page.goto("/sms/one-way");
  const option = page.getByLabel("Send from", { exact: true }).locator(`optgroup[label="Verified caller IDs"] option[value="${NUMBER}"]`);
  await expect(option).toHaveCount(1);

  // Delete, after a confirmation.
  await page.goto("/settings/caller-ids");
  await rowMenu(page, "Delete");
  const confirm = page.getByRole("dialog", { name: `Delete ${NUMBER}?` });
  await expect(confirm).toContainText("can no longer show it");
  await confirm.getByRole("button", { name: "Delete caller ID" }).click();
  await expect(page.locator("[data-empty-state]")).toContainText("No caller IDs yet");
  expect(await factory.db.callerId.count({ where: { accountId: acct.id } })).toBe(0);
});

test("at the account's 20 caller IDs the page says why Add caller ID is off", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  await factory.db.callerId.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ accountId: acct.id, number: `+1415555${String(1000 + i)}` })) });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/settings/caller-ids");
  // A disabled button's tooltip reaches no keyboard or touch user: the reason is on the page.
  await expect(page.locator("[data-caller-id-limit]")).toHaveText("The account has 20 caller IDs, the most it may: delete one to add another.");
  await expect(page.getByRole("button", { name: "Add caller ID" })).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
});
