// Settings → Subusers as a person uses it: the owner adds, edits, resets, deactivates and deletes
// subusers through the dialogs and row menus; an Owner subuser only looks.
// Threat (last test): privilege escalation through the UI — a subuser with the Subusers page but
// not subusers.create / subusers.edit must not be offered those controls at all.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { E2E_PASSWORD, uniq } from "./fixtures/db";
import { verifyPassword } from "@/lib/auth/passwords";
import * as subusers from "./fixtures/subusers-page";

const names = (page: Page) => page.locator("[data-subuser-name]").evaluateAll((els) => els.map((e) => e.getAttribute("data-subuser-name")));

test("the owner adds a subuser; bad input is refused under the fields and creates nothing", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const ctx = await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password });
  await ctx.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await ctx.newPage();
  await page.goto(subusers.SUBUSERS_URL);
  // No subuser yet: no login link to hand out.
  await expect(page.getByTestId("subuser-login-link")).toHaveCount(0);

  await page.locator('[data-action="subusers.create"]').click();
  const d = subusers.dialog(page, "Add subuser");
  await d.getByLabel("Name").fill("1x");
  await d.getByLabel("Password").fill("weak");
  await d.getByRole("button", { name: "Create" }).click();
  await expect(d.locator('[data-field-error="name"]')).toBeVisible();
  await expect(d.locator('[data-field-error="password"]')).toBeVisible();
  await expect(d.locator('[data-field-error="roles"]')).toBeVisible();
  await expect(d.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  expect(await factory.db.subuser.count({ where: { accountId: acct.id } })).toBe(0);

  const name = uniq("ops-");
  await d.getByLabel("Name").fill(name.toUpperCase());
  await d.getByLabel("Password").fill(E2E_PASSWORD);
  await d.locator('input[name="roles"][value="Developer"]').check();
  await d.locator('input[name="roles"][value="Supervisor"]').check();
  await d.getByLabel("Description").fill("Builds the scenarios");
  await d.getByRole("button", { name: "Create" }).click();
  await expect(d).toBeHidden();

  await expect(subusers.row(page, name)).toContainText("Developer");
  const created = await factory.findSubuser(acct.id, name);
  expect(created?.name).toBe(name); // stored lowercase
  expect(created?.roles.map((r) => r.role).sort()).toEqual(["Developer", "Supervisor"]);
  expect(created?.description).toBe("Builds the scenarios");
  expect(created?.active).toBe(true);

  // The login link appears once a subuser exists, and its copy button copies it.
  const link = page.getByTestId("subuser-login-link");
  await expect(link).toHaveValue(new RegExp(`/login/subuser/${acct.id}$`));
  await page.getByRole("button", { name: "Copy login link" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue());

  // A taken name is refused under the field.
  await page.locator('[data-action="subusers.create"]').click();
  await d.getByLabel("Name").fill(name);
  await d.getByLabel("Password").fill(E2E_PASSWORD);
  await d.locator('input[name="roles"][value="Admin"]').check();
  await d.getByRole("button", { name: "Create" }).click();
  await expect(d.locator('[data-field-error="name"]')).toBeVisible();
  expect(await factory.db.subuser.count({ where: { accountId: acct.id } })).toBe(1);
});

test("the owner edits, resets, deactivates, reactivates and deletes a subuser through its row menu", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const sub = await factory.subuser({ accountId: acct.id, roles: ["Support"], description: "old" });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto(subusers.SUBUSERS_URL);

  await page.getByRole("button", { name: `Actions for ${sub.name}`, exact: true }).click();
  await expect(page.getByRole("menu").locator('[data-action="subusers.edit"]')).toHaveCount(4);
  await page.keyboard.press("Escape");

  await subusers.editRoles(page, sub.name, ["Admin", "Accountant"], "Runs billing");
  await expect(subusers.row(page, sub.name)).toContainText("Accountant");
  let row = await factory.findSubuser(acct.id, sub.name);
  expect(row?.roles.map((r) => r.role).sort()).toEqual(["Accountant", "Admin"]);
  expect(row?.description).toBe("Runs billing");

  // Roles can't be emptied.
  await subusers.rowAction(page, sub.name, /Edit description/);
  const edit = subusers.dialog(page, `Edit ${sub.name}`);
  for (const box of await edit.locator('input[name="roles"]').all()) await box.uncheck();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.locator('[data-field-error="roles"]')).toBeVisible();
  await edit.getByRole("button", { name: "Cancel" }).click();

  // A weak new password is refused under the field; a good one replaces the old.
  await subusers.rowAction(page, sub.name, "Reset password");
  const reset = subusers.dialog(page, `Reset password of ${sub.name}`);
  await reset.getByLabel("New password", { exact: true }).fill("password");
  await reset.getByLabel("Repeat the new password").fill("password");
  await reset.getByRole("button", { name: "Reset password" }).click();
  await expect(reset.locator('[data-field-error="password"]')).toBeVisible();
  await reset.getByRole("button", { name: "Cancel" }).click();
  await subusers.resetPassword(page, sub.name, "Another-Passw0rd!");
  row = await factory.findSubuser(acct.id, sub.name);
  expect(await verifyPassword(row!.passwordHash, "Another-Passw0rd!")).toBe(true);

  await subusers.deactivate(page, sub.name);
  expect((await factory.findSubuser(acct.id, sub.name))?.active).toBe(false);
  await subusers.reactivate(page, sub.name);
  expect((await factory.findSubuser(acct.id, sub.name))?.active).toBe(true);

  // Delete asks first; Cancel keeps it.
  await subusers.rowAction(page, sub.name, "Delete");
  const confirm = subusers.dialog(page, `Delete ${sub.name}?`);
  await expect(confirm).toContainText("cannot be undone");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  expect(await factory.findSubuser(acct.id, sub.name)).not.toBeNull();
  await subusers.remove(page, sub.name);
  expect(await factory.findSubuser(acct.id, sub.name)).toBeNull();
});

test("the list sorts and filters", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const tag = uniq("");
  const [a, b, c] = ["alpha", "bravo", "charlie"].map((n) => `${n}-${tag}`);
  await factory.subuser({ accountId: acct.id, name: b!, roles: ["Payer"] });
  await factory.subuser({ accountId: acct.id, name: c!, roles: ["Admin"], description: "night shift" });
  await factory.subuser({ accountId: acct.id, name: a!, roles: ["Developer"] });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto(subusers.SUBUSERS_URL);

  await expect.poll(() => names(page)).toEqual([a, b, c]);
  const nameHeader = page.getByRole("columnheader", { name: "Name" });
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => names(page)).toEqual([c, b, a]);

  const filter = page.getByLabel("Filter subusers");
  await filter.fill("bravo");
  await expect.poll(() => names(page)).toEqual([b]);
  await filter.fill("night shift");
  await expect.poll(() => names(page)).toEqual([c]);
  await filter.fill("Developer");
  await expect.poll(() => names(page)).toEqual([a]);
  await filter.fill("no-such-subuser");
  await expect.poll(() => names(page)).toEqual([]);
  await filter.fill("");
  await expect.poll(() => names(page)).toEqual([c, b, a]);
});

test("an Owner subuser sees the list but no Add button and no row menus", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const owner = await factory.subuser({ accountId: acct.id, roles: ["Owner"] });
  const other = await factory.subuser({ accountId: acct.id, roles: ["Developer"] });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: owner.name, password: owner.password })).newPage();
  await page.goto(subusers.SUBUSERS_URL);
  await expect(subusers.row(page, other.name)).toBeVisible();
  await expect(subusers.row(page, owner.name)).toBeVisible();
  await expect(page.locator('[data-action="subusers.create"]')).toHaveCount(0);
  await expect(page.locator('[data-action="subusers.edit"]')).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);
});
