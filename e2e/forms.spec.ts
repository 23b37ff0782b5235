// Never lose typed input (issue 8, item 2): after a server error on signup and login, every value
// but the password is still in its field, and a cleared password asks to be typed again; toasts
// appear once the list behind them shows the change.
import { test, expect } from "./fixtures";
import { E2E_PASSWORD, uniq } from "./fixtures/db";

test("signup refused by the server (a taken account name) keeps the name and email, clears the password", async ({ page, factory }) => {
  const taken = await factory.account();
  const email = `${uniq("keep-")}@e2e.test`;
  await page.goto("/signup");
  await page.getByLabel("Account name").fill(taken.name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator('[data-field-error="accountName"]')).toBeVisible();
  await expect(page.getByLabel("Account name")).toHaveValue(taken.name);
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByLabel("Password")).toHaveAttribute("placeholder", "Type the password again");
});

test("a wrong password at login keeps the login name, clears the password", async ({ page, factory }) => {
  const acct = await factory.account();
  await page.goto("/login");
  await page.getByLabel("Email or account name").fill(acct.email);
  await page.getByLabel("Password").fill("Wrong-Passw0rd!");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.locator("[data-form-error]")).toBeVisible();
  await expect(page.getByLabel("Email or account name")).toHaveValue(acct.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  // The kept value logs in with the right password.
  await page.getByLabel("Password").fill(acct.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("the subuser login keeps the subuser name after a refusal", async ({ page, factory }) => {
  const acct = await factory.account();
  const sub = await factory.subuser({ accountId: acct.id, roles: ["Support"] });
  await page.goto(`/login/subuser/${acct.id}`);
  await page.getByLabel("Subuser name").fill(sub.name);
  await page.getByLabel("Password").fill("Wrong-Passw0rd!");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.locator("[data-form-error]")).toBeVisible();
  await expect(page.getByLabel("Subuser name")).toHaveValue(sub.name);
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test.describe("without JavaScript (before hydration)", () => {
  test.use({ javaScriptEnabled: false });
  test("the login form still posts, and a refusal shows the login name again", async ({ page, factory }) => {
    const acct = await factory.account();
    await page.goto("/login");
    await page.getByLabel("Email or account name").fill(acct.name);
    await page.getByLabel("Password").fill("Wrong-Passw0rd!");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.locator("[data-form-error]")).toBeVisible();
    await expect(page.getByLabel("Email or account name")).toHaveValue(acct.name);
    await expect(page.getByLabel("Password")).toHaveValue("");
  });
});

test("a field error keeps every other field of a dialog as typed", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/settings/subusers");
  await page.locator('[data-action="subusers.create"]').click();
  const d = page.getByRole("dialog", { name: "Add subuser" });
  await d.getByLabel("Name").fill("ok-name");
  await d.getByLabel("Password").fill("weak");
  await d.locator('input[name="roles"][value="Payer"]').check();
  await d.getByLabel("Description").fill("Pays the bills");
  await d.getByRole("button", { name: "Create" }).click();
  await expect(d.locator('[data-field-error="password"]')).toBeVisible();
  await expect(d.getByLabel("Name")).toHaveValue("ok-name");
  await expect(d.getByLabel("Description")).toHaveValue("Pays the bills");
  await expect(d.locator('input[name="roles"][value="Payer"]')).toBeChecked();
  await expect(d.getByLabel("Password")).toHaveValue("");
  await expect(d.getByLabel("Password")).toHaveAttribute("placeholder", "Type the password again");
});

test("a toast appears with an icon and a close button once the list shows the change", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/settings/subusers");
  await page.locator('[data-action="subusers.create"]').click();
  const d = page.getByRole("dialog", { name: "Add subuser" });
  const name = uniq("toast-");
  await d.getByLabel("Name").fill(name);
  await d.getByLabel("Password").fill(E2E_PASSWORD);
  await d.locator('input[name="roles"][value="Payer"]').check();
  const submit = d.getByRole("button", { name: "Create" });
  await submit.click();
  const toast = page.locator("[data-toast]").filter({ hasText: `Subuser ${name} created` });
  await toast.waitFor();
  // At the moment the toast shows, the row is already in the list (no waiting here).
  expect(await page.locator(`[data-subuser-name="${name}"]`).count()).toBe(1);
  await expect(toast.locator("svg").first()).toBeVisible();
  await toast.getByRole("button", { name: "Dismiss" }).click();
  await expect(toast).toBeHidden();
});
