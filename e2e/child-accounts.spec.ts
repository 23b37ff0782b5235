// Settings → Child accounts, the account owner's alone (docs/PRODUCT.md sections 5 and 9).
// Threats: a subuser opening the page (every demo subuser gets a real 403 naming the account
// owner, and no sidebar entry); a suspended child staying logged in (its open session must end
// on its very next request, and it cannot log in again); a move of balance the parent's balance
// cannot cover.
import type { Page } from "@playwright/test";
import { test, expect, attributeValues } from "./fixtures";
import { uniq } from "./fixtures/db";
import { OWNER, PRINCIPALS } from "./fixtures/matrix";

const PAGE_URL = "/settings/child-accounts";
const CHILD_PASSWORD = "Ch1ld-Passw0rd!";

const row = (page: Page, name: string) => page.getByRole("row").filter({ has: page.locator(`[data-child-name="${name}"]`) });

async function rowAction(page: Page, name: string, item: string) {
  await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  await menu.locator('[data-owner-action="child_accounts"]').filter({ hasText: item }).click();
  await expect(menu).toBeHidden();
}

test("the owner creates a child, changes its role and suspends it; the child's open session ends on its next request", async ({ browserLoggedIn, factory, canLogIn }) => {
  test.setTimeout(120_000);
  const acct = await factory.account();
  await factory.db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 50_00, kind: "topup", memo: "e2e funds" } });
  const owner = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await owner.goto("/dashboard");
  // The sidebar folds every group but the current page's: open Settings first, as a person would.
  const nav = owner.locator('nav[aria-label="Sections"]').filter({ visible: true });
  await nav.getByRole("button", { name: "Settings" }).click();
  await nav.locator('[data-owner-page="child_accounts"]').click();
  await expect(owner).toHaveURL(new RegExp(`${PAGE_URL}$`));
  await expect(owner.getByRole("heading", { name: "Child accounts", level: 1 })).toBeVisible();

  // Create: bad input first, refused under the fields, nothing created.
  await owner.locator('[data-owner-action="child_accounts"]', { hasText: "Create child account" }).click();
  const create = owner.getByRole("dialog", { name: "Create child account" });
  await create.getByLabel("Account name").fill("9lives");
  await create.getByLabel("Email").fill("not-an-email");
  await create.getByLabel("Password").fill("weak");
  await create.getByRole("button", { name: "Create" }).click();
  await expect(create.locator('[data-field-error="name"]')).toBeVisible();
  await expect(create.locator('[data-field-error="email"]')).toBeVisible();
  await expect(create.locator('[data-field-error="password"]')).toBeVisible();
  expect(await factory.db.account.count({ where: { parentId: acct.id } })).toBe(0);

  const name = uniq("kid-");
  await create.getByLabel("Account name").fill(name);
  await create.getByLabel("Email").fill(`${name}@e2e.test`);
  await create.getByLabel("Password").fill(CHILD_PASSWORD);
  await create.getByRole("radio", { name: "Developer" }).check();
  await create.getByRole("button", { name: "Create" }).click();
  await expect(create).toBeHidden();
  await expect(row(owner, name)).toContainText("Developer");
  await expect(row(owner, name)).toContainText("Active");
  await expect(row(owner, name)).toContainText(`${name}@e2e.test`);
  await expect(row(owner, name)).toContainText("$0.00");
  const child = await factory.db.account.findUniqueOrThrow({ where: { name } });
  expect(child).toMatchObject({ parentId: acct.id, childRole: "Developer", active: true });

  // Change role.
  await rowAction(owner, name, "Change role");
  const role = owner.getByRole("dialog", { name: `Change role of ${name}` });
  await role.getByRole("radio", { name: "ProvisioningAgent" }).check();
  await role.getByRole("button", { name: "Save" }).click();
  await expect(role).toBeHidden();
  await expect(row(owner, name)).toContainText("ProvisioningAgent");
  expect((await factory.db.account.findUniqueOrThrow({ where: { id: child.id } })).childRole).toBe("ProvisioningAgent");

  // Move balance: more than the balance is refused under the field; then $12.50 moves.
  await rowAction(owner, name, "Move balance");
  const move = owner.getByRole("dialog", { name: `Move balance to ${name}` });
  await expect(move.getByTestId("move-balance-funds")).toContainText("$50.00");
  await move.getByLabel("Amount (USD)").fill("60");
  await move.getByRole("button", { name: "Move" }).click();
  await expect(move.locator('[data-field-error="amount"]')).toContainText("Insufficient funds");
  await move.getByLabel("Amount (USD)").fill("12.50");
  await move.getByRole("button", { name: "Move" }).click();
  await expect(move).toBeHidden();
  await expect(row(owner, name)).toContainText("$12.50");
  const moved = await factory.db.ledgerEntry.findMany({ where: { kind: "transfer", accountId: { in: [acct.id, child.id] } }, orderBy: { id: "asc" } });
  expect(moved.map((e) => [e.accountId, e.amountMinor])).toEqual([
    [acct.id, -12_50],
    [child.id, 12_50],
  ]);

  // The child logs in to its own panel, in another browser.
  const childPage = await (await browserLoggedIn({ kind: "owner", login: name, password: CHILD_PASSWORD })).newPage();
  await childPage.goto("/dashboard");
  await expect(childPage).toHaveURL(/\/dashboard$/);
  await expect(childPage.getByTestId("whoami")).toContainText(name);
  // Its role may not manage child accounts of its own: the page says so (it was a server error).
  const own = await childPage.goto("/settings/child-accounts");
  expect(own?.status()).toBe(200);
  await expect(childPage.getByText("Child accounts are not available to this account")).toBeVisible();

  // Suspend: the child's open session ends on its next request; it cannot log in again.
  await rowAction(owner, name, "Suspend");
  const suspend = owner.getByRole("dialog", { name: `Suspend ${name}?` });
  await suspend.getByRole("button", { name: "Suspend" }).click();
  await expect(suspend).toBeHidden();
  await expect(row(owner, name)).toContainText("Suspended");
  expect((await factory.db.account.findUniqueOrThrow({ where: { id: child.id } })).active).toBe(false);
  await childPage.reload();
  await expect(childPage).toHaveURL(/\/login\?ended=1&next=%2Fsettings%2Fchild-accounts$/);
  expect(await canLogIn({ kind: "owner", login: name, password: CHILD_PASSWORD })).toBe(false);

  // Reactivate: it may log in again.
  await rowAction(owner, name, "Reactivate");
  const reactivate = owner.getByRole("dialog", { name: `Reactivate ${name}?` });
  await reactivate.getByRole("button", { name: "Reactivate" }).click();
  await expect(reactivate).toBeHidden();
  await expect(row(owner, name)).toContainText("Active");
  expect(await canLogIn({ kind: "owner", login: name, password: CHILD_PASSWORD })).toBe(true);
});

test("every demo subuser gets a real 403 naming the account owner, and no sidebar entry; the owner gets the page", async ({ apiAs }) => {
  for (const principal of PRINCIPALS) {
    const api = await apiAs(principal);
    const res = await api.get(PAGE_URL, { maxRedirects: 0 });
    const html = await res.text();
    if (principal === OWNER) {
      expect(res.status(), principal).toBe(200);
      expect(attributeValues(html, "data-owner-page"), principal).toEqual(["child_accounts"]);
      continue;
    }
    expect(res.status(), principal).toBe(403);
    expect(html, principal).toMatch(/data-forbidden(=|\\":\\")"?child_accounts/);
    expect(html, principal).toContain("open to the account owner only");
    expect(attributeValues(html, "data-owner-page"), principal).toEqual([]);
    expect(html, principal).not.toContain('data-owner-action="child_accounts"');
  }
});

test("without a session the page redirects to /login", async ({ request }) => {
  const res = await request.get(PAGE_URL, { maxRedirects: 0 });
  expect(res.status()).toBeGreaterThanOrEqual(300);
  expect(res.status()).toBeLessThan(400);
  expect(new URL(res.headers().location ?? "", "http://x").pathname).toBe("/login");
});
