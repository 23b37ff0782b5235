// The form-and-dialog kit by keyboard (issue 8, item 2): a dialog opened from a row's menu takes
// focus to its first field and gives it back to the menu's button when it closes (the menu item
// that opened it is gone by then).
import { test, expect } from "./fixtures";
import { uniq } from "./fixtures/db";

test("Rename from a row menu, by keyboard: type, Escape, and focus is back on the menu button", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id, uniq("kbd-"));
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/applications");
  const menuButton = page.getByRole("button", { name: `Actions for ${app.name}`, exact: true });
  await menuButton.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  // Opened from the keyboard, the menu (loaded by that press) starts on its first item.
  await expect(menu.getByRole("menuitem", { name: "Rename" })).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Rename ${app.name}` });
  await expect(dialog).toBeVisible();
  const name = dialog.getByLabel("Name");
  await expect(name).toBeFocused();
  await page.keyboard.press("End");
  await page.keyboard.type("-typed");
  await expect(name).toHaveValue(`${app.name}-typed`);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(menuButton).toBeFocused();
  // Nothing was renamed.
  expect((await factory.db.application.findUnique({ where: { id: app.id } }))?.name).toBe(app.name);

  // A dialog opened by a button returns focus to that button too, also after Cancel.
  const create = page.getByRole("button", { name: "Create application" });
  await create.click();
  await expect(page.getByRole("dialog", { name: "Create application" }).getByLabel("Name")).toBeFocused();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(create).toBeFocused();
});

test("the user menu opened from the keyboard starts on its first item, the first time and after", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/dashboard");
  const button = page.getByRole("button", { name: /^Account menu: / });
  await button.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "Profile" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitemradio", { name: "Same as the system" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("menuitem", { name: "Profile" })).toBeFocused();
  await page.keyboard.press("Escape");
  // Opened with the pointer, it starts on the menu itself (Radix's way: no item highlighted).
  await page.reload();
  await button.click();
  await expect(menu).toBeFocused();
});

test("a page's first Tab reaches the skip link, whichever sidebar link is the current page", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  // Pages whose current link sits low in the sidebar: bringing it into view moved where Tab started.
  for (const path of ["/applications", "/billing", "/numbers", "/marketplace"]) {
    await page.goto(path);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" }), path).toBeFocused();
  }
});

test("after following a sidebar link the focus is on the new page, so the next Tab reaches its content; also from the drawer", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const context = await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password });
  const page = await context.newPage();
  await page.goto("/dashboard");
  const main = page.locator("main#main");
  await page.locator('aside [data-section="applications"]').focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/applications$/);
  await expect(main).toBeFocused();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.getElementById("main")?.contains(document.activeElement) && document.activeElement !== document.getElementById("main"))).toBe(true);

  // Below 1024 px the drawer closes on navigation and would give focus back to its button: the page takes it.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole("button", { name: "Open the menu" }).click();
  await page.getByTestId("drawer").locator('[data-section="billing"]').click();
  await expect(page).toHaveURL(/\/billing$/);
  await expect(page.getByTestId("drawer")).toBeHidden();
  await expect(main).toBeFocused();
  await context.close();
});

test("Apply filters and the pager keep the keyboard's focus: the re-created Apply button gets it back, the pager's end button keeps it", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  // 21 users: two pages of 20.
  await factory.db.appUser.createMany({ data: Array.from({ length: 21 }, (_, i) => ({ accountId: acct.id, applicationId: app.id, name: `kbd-user-${String(i).padStart(2, "0")}`, displayName: `User ${i}`, passwordHash: "x" })) });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/logs");
  await page.getByLabel("Outcome").selectOption("ok");
  const apply = page.getByRole("button", { name: "Apply filters" });
  await apply.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/outcome=ok/);
  await expect(apply).toBeFocused();

  await page.goto(`/applications/${app.id}/users`);
  const next = page.getByRole("button", { name: "Next" });
  await next.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("page-status")).toHaveText("Page 2 of 2");
  // The last page: Next is shown as disabled, and still holds the focus.
  await expect(next).toHaveAttribute("aria-disabled", "true");
  await expect(next).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("page-status")).toHaveText("Page 2 of 2");
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("button", { name: "Previous" })).toBeFocused();
});
