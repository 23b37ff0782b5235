// Understand a refusal (issue 8, item 4): the 403 page uses the section's everyday title, names
// the roles that open it, never tells the account owner to ask the account owner, and lets a
// subuser ask: the owner gets a notification, the account's log a row.
import { test, expect } from "./fixtures";

test("a subuser refused Billing asks for it; the owner sees the request under Notifications", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const sub = await factory.subuser({ accountId: acct.id, roles: ["Developer"] });
  const subPage = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: sub.name, password: sub.password })).newPage();
  const res = await subPage.goto("/numbers/blocked");
  expect(res?.status()).toBe(403);
  await expect(subPage.getByRole("heading", { level: 1 })).toHaveText("Blocked numbers");
  await expect(subPage.locator("main")).toContainText("Owner or Admin");
  await expect(subPage.locator("main")).not.toContainText("Blocked phone numbers");
  await subPage.getByRole("button", { name: "Request access" }).click();
  await expect(subPage.getByTestId("access-requested")).toContainText("Request sent");

  const rows = await factory.db.notification.findMany({ where: { accountId: acct.id } });
  expect(rows).toEqual([expect.objectContaining({ kind: "access_request", audience: "owner", subuserId: sub.id, sectionId: "numbers.blocked", readAt: null })]);
  expect(await factory.db.auditLog.count({ where: { accountId: acct.id, action: "access.request", actorName: sub.name } })).toBe(1);

  // Asking again while unread writes nothing new.
  await subPage.reload();
  await subPage.getByRole("button", { name: "Request access" }).click();
  await expect(subPage.getByTestId("access-requested")).toContainText("already");
  expect(await factory.db.notification.count({ where: { accountId: acct.id } })).toBe(1);

  const owner = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await owner.goto("/dashboard");
  await expect(owner.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
  await owner.getByRole("link", { name: "Notifications, 1 unread" }).click();
  const item = owner.locator('[data-notification="access_request"]');
  await expect(item).toContainText(`${sub.name} asked for access to Blocked numbers`);
  await expect(item).toContainText("Owner or Admin");
  await owner.getByRole("button", { name: "Mark all as read" }).click();
  await expect(item).toHaveAttribute("data-read", "true");
  await expect(owner.getByTestId("topbar-notifications")).toHaveAccessibleName("Notifications");

  // Its link opens that subuser's Edit dialog, where the roles are; closed, the list stays.
  await item.getByRole("link", { name: `Change ${sub.name}'s roles` }).click();
  const edit = owner.getByRole("dialog", { name: `Edit ${sub.name}` });
  await expect(edit).toBeVisible();
  await expect(edit.locator('input[name="roles"][value="Developer"]')).toBeChecked();
  await edit.getByRole("button", { name: "Cancel" }).click();
  await expect(edit).toBeHidden();
  await expect(owner).toHaveURL(/\/settings\/subusers$/);
});

test("the account owner's own 403 (Reserved numbers) points to a subuser with the role, never to asking itself", async ({ apiAs }) => {
  const api = await apiAs("MainAccount");
  const res = await api.get("/numbers/reserved");
  expect(res.status()).toBe(403);
  const html = await res.text();
  expect(html).toContain("Reserved numbers");
  expect(html).not.toMatch(/Ask the account owner/i);
  expect(html).not.toContain("Request access");
  expect(html).toContain("Add yourself such a subuser");
});
