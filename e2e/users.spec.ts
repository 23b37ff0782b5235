// Users inside an application, as the owner manages them: the New user editor with "Create
// another", editing, deactivating, deleting with confirmation, and the server-side list's filter
// and sort. Each test makes its own account and application.
import type { Page } from "@playwright/test";
import { test, expect, type E2eFixtures } from "./fixtures";
import { E2E_PASSWORD, uniq } from "./fixtures/db";

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
