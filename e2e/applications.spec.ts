// Applications as the owner manages them: create from the list, delete from the application's
// own page (the dialog lands on the list with a toast, not on a 404 of the page just deleted,
// and the top bar's balance counts the money its user handed back),
// and delete from the list's row menu an application whose user still holds money (the dialog
// says where it goes; the account gets it back). Each test makes its own account.
import { test, expect } from "./fixtures";
import { uniq } from "./fixtures/db";

test("creates an application, then deletes it from its own page: the list, a toast, no 404, the balance", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/applications");
  await page.getByRole("button", { name: "Create application" }).first().click();
  const create = page.getByRole("dialog", { name: "Create application" });
  const name = uniq("app-");
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create" }).click();
  await expect(create).toBeHidden();
  const app = await factory.db.application.findFirstOrThrow({ where: { accountId: acct.id, name } });

  // Its user holds $4.00 of the account's $10.00 on a separate balance.
  const user = await factory.appUser({ accountId: acct.id, applicationId: app.id });
  await factory.db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 10_00, kind: "topup", memo: "e2e funds" } });
  await factory.db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: -4_00, kind: "transfer", memo: "e2e move", appUserId: user.id } });
  await factory.db.appUser.update({ where: { id: user.id }, data: { parentAccounting: false, balanceMinor: 4_00 } });

  await page.goto(`/applications/${app.id}`);
  const balance = page.getByTestId("topbar-balance");
  await expect(balance).toContainText("$6.00");
  await page.locator('[data-action="applications"]').filter({ hasText: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(confirm).toContainText("its 1 user are deleted for good");
  await confirm.getByRole("button", { name: "Delete application" }).click();
  await expect(page).toHaveURL(/\/applications$/);
  await expect(page.locator('[data-toast="success"]').filter({ hasText: `Application ${name} deleted` })).toBeVisible();
  await expect(page.getByText("There is nothing here")).toHaveCount(0);
  // The shell, not only the page, is drawn again after the navigation.
  await expect(balance).toContainText("$10.00");
  expect(await factory.db.application.count({ where: { id: app.id } })).toBe(0);
});

test("deleting an application whose user holds money: the dialog says so and the account gets it back", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const user = await factory.appUser({ accountId: acct.id, applicationId: app.id });
  await factory.db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 10_00, kind: "topup", memo: "e2e funds" } });
  await factory.db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: -4_00, kind: "transfer", memo: "e2e move", appUserId: user.id } });
  await factory.db.appUser.update({ where: { id: user.id }, data: { parentAccounting: false, balanceMinor: 4_00 } });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/applications");
  await page.getByRole("button", { name: `Actions for ${app.name}`, exact: true }).click();
  await page.getByRole("menu").locator('[data-action="applications"]').filter({ hasText: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${app.name}?` });
  await expect(confirm).toContainText("its 1 user are deleted for good; money left on a user's separate balance goes back to the account");
  await confirm.getByRole("button", { name: "Delete application" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("button", { name: `Actions for ${app.name}`, exact: true })).toHaveCount(0);
  const newest = await factory.db.ledgerEntry.findFirstOrThrow({ where: { accountId: acct.id }, orderBy: { id: "desc" } });
  expect(newest).toMatchObject({ kind: "transfer", amountMinor: 4_00, appUserId: user.id, balanceAfterMinor: 10_00 });
});
