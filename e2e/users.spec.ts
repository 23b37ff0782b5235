// Users inside an application, as the owner manages them: the New user editor with "Create
// another", editing, deactivating, deleting with confirmation, and the server-side list's filter
// and sort. Each test makes its own account and application.
import type { Page } from "@playwright/test";
import { test, expect, type E2eFixtures } from "./fixtures";
import { E2E_PASSWORD, uniq } from "./fixtures/db";
import { seriousViolations } from "./fixtures/axe";

async function ownerOnUsersPage({ browserLoggedIn, factory }: Pick<E2eFixtures, "browserLoggedIn" | "factory">) {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  const url = `/applications/${app.id}/users`;
  await page.goto(url);
  return { acct, app, page, url };
}

const usernames = (page: Page) =>
  page.locator("table tbody tr").evaluateAll((rows) => rows.map((r) => r.querySelector("td")?.textContent?.trim() ?? "").filter(Boolean));

const rowOf = (page: Page, name: string) => page.locator("table tbody tr").filter({ has: page.getByText(name, { exact: true }) });

async function rowMenu(page: Page, name: string, item: string) {
  await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole("menu").locator('[data-action="application.users"]').filter({ hasText: item }).click();
}

test("creates two users in a row with Create another; bad input stays in the editor with field errors", async ({ browserLoggedIn, factory }) => {
  const { app, page } = await ownerOnUsersPage({ browserLoggedIn, factory });
  await page.getByRole("button", { name: "Create user" }).click();
  const editor = page.getByRole("dialog", { name: "New user" });

  await editor.getByLabel("Username").fill("x");
  await editor.getByLabel("Password").fill("weak");
  await editor.getByRole("button", { name: "Create" }).click();
  await expect(editor.locator('[data-field-error="name"]')).toBeVisible();
  await expect(editor.locator('[data-field-error="password"]')).toBeVisible();
  await expect(editor.locator('[data-field-error="displayName"]')).toBeVisible();
  await expect(editor.getByLabel("Password")).toHaveAttribute("placeholder", "Type the password again");
  expect(await factory.db.appUser.count({ where: { applicationId: app.id } })).toBe(0);

  const [first, second] = [uniq("first-"), uniq("second-")];
  await editor.getByLabel("Create another").check();
  await editor.getByLabel("Username").fill(first);
  await editor.getByLabel("Password").fill(E2E_PASSWORD);
  await editor.getByLabel("Display name").fill("First User");
  await editor.getByRole("button", { name: "Create" }).click();
  // The editor stays open, cleared, ready for the next user.
  await expect(editor.getByLabel("Username")).toHaveValue("");
  await expect(editor.getByLabel("Display name")).toHaveValue("");
  await expect(editor).toBeVisible();
  await expect(editor.locator("[data-field-error]")).toHaveCount(0);
  // Nothing was refused this time: the cleared password does not ask to be typed "again".
  await expect(editor.getByLabel("Password")).not.toHaveAttribute("placeholder", "Type the password again");

  await editor.getByLabel("Username").fill(second);
  await editor.getByLabel("Password").fill(E2E_PASSWORD);
  await editor.getByLabel("Display name").fill("Second User");
  await editor.getByLabel("Separate balance").check();
  await editor.getByLabel("Create another").uncheck();
  await editor.getByRole("button", { name: "Create" }).click();
  await expect(editor).toBeHidden();

  await expect.poll(() => usernames(page)).toEqual([first, second]);
  const rows = await factory.db.appUser.findMany({ where: { applicationId: app.id }, orderBy: { name: "asc" } });
  expect(rows.map((r) => [r.name, r.displayName, r.parentAccounting])).toEqual([
    [first, "First User", true],
    [second, "Second User", false],
  ]);

  // A taken username is refused under the field.
  await page.getByRole("button", { name: "Create user" }).click();
  await editor.getByLabel("Username").fill(first);
  await editor.getByLabel("Password").fill(E2E_PASSWORD);
  await editor.getByLabel("Display name").fill("Again");
  await editor.getByRole("button", { name: "Create" }).click();
  await expect(editor.locator('[data-field-error="name"]')).toBeVisible();
  expect(await factory.db.appUser.count({ where: { applicationId: app.id } })).toBe(2);

  // With a toast shown over the open editor ("Create another"), Escape closes the editor, not the
  // toast, which is the newer layer.
  const third = uniq("third-");
  await editor.getByLabel("Create another").check();
  await editor.getByLabel("Username").fill(third);
  await editor.getByLabel("Password").fill(E2E_PASSWORD);
  await editor.getByLabel("Display name").fill("Third User");
  await editor.getByRole("button", { name: "Create" }).click();
  const toast = page.locator("[data-toast]").filter({ hasText: `User ${third} created` });
  await expect(toast).toBeVisible();
  await editor.getByLabel("Username").focus();
  await page.keyboard.press("Escape");
  await expect(editor).toBeHidden();
  await expect(toast).toBeVisible();
});

test("edits, deactivates and deletes a user (with confirmation)", async ({ browserLoggedIn, factory }) => {
  const { acct, app, page, url } = await ownerOnUsersPage({ browserLoggedIn, factory });
  const user = await factory.appUser({ accountId: acct.id, applicationId: app.id }, { displayName: "Old Name" });
  await page.goto(url);

  await rowMenu(page, user.name, "Edit");
  const edit = page.getByRole("dialog", { name: `Edit ${user.name}` });
  await edit.getByLabel("Display name").fill("");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.locator('[data-field-error="displayName"]')).toBeVisible();
  await edit.getByLabel("Display name").fill("New Name");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(rowOf(page, user.name)).toContainText("New Name");
  expect((await factory.db.appUser.findUnique({ where: { id: user.id } }))?.displayName).toBe("New Name");

  await rowMenu(page, user.name, "Deactivate");
  await expect(rowOf(page, user.name)).toContainText("Inactive");
  expect((await factory.db.appUser.findUnique({ where: { id: user.id } }))?.active).toBe(false);

  await rowMenu(page, user.name, "Delete");
  const confirm = page.getByRole("dialog", { name: `Delete ${user.name}?` });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  expect(await factory.db.appUser.findUnique({ where: { id: user.id } })).not.toBeNull();
  await rowMenu(page, user.name, "Delete");
  await confirm.getByRole("button", { name: "Delete user" }).click();
  await expect(confirm).toBeHidden();
  await expect(rowOf(page, user.name)).toHaveCount(0);
  expect(await factory.db.appUser.findUnique({ where: { id: user.id } })).toBeNull();
});

test("the list filters by username and sorts on the server", async ({ browserLoggedIn, factory }) => {
  const { acct, app, page, url } = await ownerOnUsersPage({ browserLoggedIn, factory });
  const ref = { accountId: acct.id, applicationId: app.id };
  const tag = uniq("");
  const [anna, bert, cara] = [`anna-${tag}`, `bert-${tag}`, `cara-${tag}`];
  await factory.appUser(ref, { name: bert, displayName: "Yan" });
  await factory.appUser(ref, { name: cara, displayName: "Xi" });
  await factory.appUser(ref, { name: anna, displayName: "Zed" });
  await page.goto(url);
  await expect.poll(() => usernames(page)).toEqual([anna, bert, cara]);

  await page.getByRole("columnheader", { name: "Display name" }).getByRole("button").click();
  await expect(page).toHaveURL(/sort=displayName/);
  await expect.poll(() => usernames(page)).toEqual([cara, bert, anna]);

  await page.getByRole("columnheader", { name: "Username" }).getByRole("button").click();
  await page.getByRole("columnheader", { name: "Username" }).getByRole("button").click();
  await expect(page.getByRole("columnheader", { name: "Username" })).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => usernames(page)).toEqual([cara, bert, anna]);

  await page.getByLabel("Filter by username").fill("bert");
  await expect(page).toHaveURL(/q=bert/);
  await expect.poll(() => usernames(page)).toEqual([bert]);
  // The state is in the URL: a reload (or a shared link) shows the same page.
  await page.reload();
  await expect.poll(() => usernames(page)).toEqual([bert]);
});

test("tops up a user's separate balance from the account's, moves some back, and deleting the user returns the rest", async ({ browserLoggedIn, factory }) => {
  const { acct, app, page, url } = await ownerOnUsersPage({ browserLoggedIn, factory });
  await factory.db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 20_00, kind: "topup", memo: "e2e funds" } });
  const user = await factory.appUser({ accountId: acct.id, applicationId: app.id });
  await factory.db.appUser.update({ where: { id: user.id }, data: { parentAccounting: false } });
  const balance = async () => (await factory.db.ledgerEntry.findFirst({ where: { accountId: acct.id }, orderBy: { id: "desc" } }))?.balanceAfterMinor;
  await page.goto(url);
  await expect(rowOf(page, user.name)).toContainText("Separate$0.00");

  // More than the account holds is refused under the field, nothing moved; then $5.25 moves.
  await rowMenu(page, user.name, "Top up balance");
  const topUp = page.getByRole("dialog", { name: `Top up ${user.name}'s balance` });
  await expect(topUp.getByTestId("user-balance-funds")).toContainText("$20.00");
  expect(await seriousViolations(page)).toEqual([]);
  await topUp.getByLabel("Amount (USD)").fill("25");
  await topUp.getByRole("button", { name: "Move" }).click();
  await expect(topUp.locator('[data-field-error="amount"]')).toContainText("Insufficient funds");
  expect(await balance()).toBe(20_00);
  await topUp.getByLabel("Amount (USD)").fill("5.25");
  await topUp.getByRole("button", { name: "Move" }).click();
  await expect(topUp).toBeHidden();
  await expect(page.locator('[data-toast="success"]').filter({ hasText: `Moved $5.25 to ${user.name}` })).toBeVisible();
  await expect(rowOf(page, user.name)).toContainText("$5.25");
  expect(await balance()).toBe(14_75);

  // Back to the account: $1.25.
  await rowMenu(page, user.name, "Move balance back");
  const back = page.getByRole("dialog", { name: `Move ${user.name}'s balance back` });
  await back.getByLabel("Amount (USD)").fill("1.25");
  await back.getByRole("button", { name: "Move" }).click();
  await expect(back).toBeHidden();
  await expect(rowOf(page, user.name)).toContainText("$4.00");
  expect(await balance()).toBe(16_00);

  // Deleting the user says where its $4.00 goes, and the account gets it back.
  await rowMenu(page, user.name, "Delete");
  const confirm = page.getByRole("dialog", { name: `Delete ${user.name}?` });
  await expect(confirm).toContainText("The $4.00 on its own balance goes back to the account.");
  await confirm.getByRole("button", { name: "Delete user" }).click();
  await expect(confirm).toBeHidden();
  expect(await balance()).toBe(20_00);
  const moves = await factory.db.ledgerEntry.findMany({ where: { accountId: acct.id, kind: "transfer" }, orderBy: { id: "asc" } });
  expect(moves.map((e) => [e.amountMinor, e.appUserId])).toEqual([
    [-5_25, user.id],
    [1_25, user.id],
    [4_00, user.id],
  ]);
});

test("a UserManager manages users but has no balance items: moving money needs Billing too", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const user = await factory.appUser({ accountId: acct.id, applicationId: app.id });
  await factory.db.appUser.update({ where: { id: user.id }, data: { parentAccounting: false, balanceMinor: 3_00 } });
  const manager = await factory.subuser({ accountId: acct.id, roles: ["UserManager"] });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: manager.name, password: manager.password })).newPage();
  await page.goto(`/applications/${app.id}/users`);
  // The user's own balance is shown; the menu has Edit, Deactivate and Delete only.
  await expect(rowOf(page, user.name)).toContainText("$3.00");
  await page.getByRole("button", { name: `Actions for ${user.name}`, exact: true }).click();
  await expect(page.getByRole("menuitem")).toHaveText(["Edit", "Deactivate", "Delete"]);
});
