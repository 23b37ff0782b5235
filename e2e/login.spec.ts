// Threat: credential stuffing and account enumeration (OWASP A07). Real forms in a real browser:
// every failure (wrong password, unknown name, inactive, locked out) gives one generic message,
// and after 5 failures even the right password is refused for a while (Keycloak model).
import type { Page } from "@playwright/test";
import { test, expect, logOut } from "./fixtures";
import { E2E_PASSWORD, uniq } from "./fixtures/db";

async function ownerLogin(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email or account name").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

async function subuserLogin(page: Page, accountId: number, name: string, password: string) {
  await page.goto(`/login/subuser/${accountId}`);
  await page.getByLabel("Subuser name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

const formError = (page: Page) => page.locator("[data-form-error]");

// The one message every failure shows, learnt from the plainest failure (an unknown name) so that
// each other case is compared with it rather than with a copy of the wording.
let GENERIC_LOGIN_FAILURE = "";
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await ownerLogin(page, uniq("nobody-"), "Wrong-Passw0rd!");
  GENERIC_LOGIN_FAILURE = (await formError(page).textContent({ timeout: 15_000 }))?.trim() ?? "";
  expect(GENERIC_LOGIN_FAILURE).not.toBe("");
  expect(GENERIC_LOGIN_FAILURE.toLowerCase()).not.toMatch(/inactive|does not exist|unknown|not found/);
  await page.close();
});

test.describe("account owner", () => {
  test("logs in with the account name, then logs out back to /login", async ({ page, factory }) => {
    const acct = await factory.account();
    await ownerLogin(page, acct.name, acct.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("whoami")).toContainText(acct.name);
    await logOut(page);
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("Back from the dashboard after logging in leaves the panel: the login page is not kept in the history", async ({ page, factory }) => {
    const acct = await factory.account();
    await page.goto("/signup");
    await ownerLogin(page, acct.name, acct.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goBack();
    await expect(page).toHaveURL(/\/signup$/);
  });

  test("a page asked for while logged out is where the login lands; a 'next' that is not a page of the panel lands on the dashboard", async ({ page, factory }) => {
    const acct = await factory.account();
    await page.goto("/applications?page=1");
    await expect(page).toHaveURL(/\/login\?next=%2Fapplications%3Fpage%3D1$/);
    await page.getByLabel("Email or account name").fill(acct.name);
    await page.getByLabel("Password").fill(acct.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/applications\?page=1$/);
    // Logged in: the login page itself sends on to the page named.
    await page.goto("/login?next=%2Fnumbers");
    await expect(page).toHaveURL(/\/numbers$/);
    await logOut(page);
    await page.goto("/login?next=%2F%2Fevil.example%2Fx");
    await expect(page.locator('input[name="next"]')).toHaveCount(0);
    await page.getByLabel("Email or account name").fill(acct.name);
    await page.getByLabel("Password").fill(acct.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("logs in with the email, case-insensitively", async ({ page, factory }) => {
    const acct = await factory.account();
    await ownerLogin(page, acct.email.toUpperCase(), acct.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("whoami")).toContainText(acct.name);
  });

  test("a wrong password gives the same generic message as an unknown name", async ({ page, factory }) => {
    const acct = await factory.account();
    await ownerLogin(page, acct.name, "Wrong-Passw0rd!");
    await expect(formError(page)).toHaveText(GENERIC_LOGIN_FAILURE);
    await expect(page).toHaveURL(/\/login$/);
    await ownerLogin(page, acct.email, "Wrong-Passw0rd!");
    await expect(formError(page)).toHaveText(GENERIC_LOGIN_FAILURE);
  });
});

test.describe("subuser", () => {
  test("logs in through the account's link, which shows the account name, and logs out back to it", async ({ page, factory }) => {
    const acct = await factory.account();
    const sub = await factory.subuser({ accountId: acct.id, roles: ["Developer"] });
    await page.goto(`/login/subuser/${acct.id}`);
    await expect(page.getByTestId("account-name")).toHaveText(acct.name);
    await subuserLogin(page, acct.id, sub.name.toUpperCase(), sub.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("whoami")).toContainText(sub.name);
    await logOut(page);
    await expect(page).toHaveURL(new RegExp(`/login/subuser/${acct.id}$`));
    // Logged out, this browser is still sent to the account's link, where its subuser can log in.
    await page.goto("/dashboard");
    await expect(page).toHaveURL(new RegExp(`/login/subuser/${acct.id}$`));
  });

  test("a tab left open after the subuser logged out in another goes to its account's login link, with the page it was on", async ({ page, factory }) => {
    const acct = await factory.account();
    const sub = await factory.subuser({ accountId: acct.id, roles: ["Developer"] });
    await subuserLogin(page, acct.id, sub.name, sub.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    const other = await page.context().newPage();
    await other.goto("/dashboard");
    await logOut(other);
    await expect(other).toHaveURL(new RegExp(`/login/subuser/${acct.id}$`));
    await page.goto("/applications");
    await expect(page).toHaveURL(new RegExp(`/login/subuser/${acct.id}\\?next=%2Fapplications$`));
    await page.getByLabel("Subuser name").fill(sub.name);
    await page.getByLabel("Password").fill(sub.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/applications$/);
  });

  test("a subuser cannot log in through another account's link", async ({ page, factory }) => {
    const [a, b] = [await factory.account(), await factory.account()];
    const sub = await factory.subuser({ accountId: a.id, roles: ["Admin"] });
    await subuserLogin(page, b.id, sub.name, sub.password);
    await expect(formError(page)).toHaveText(GENERIC_LOGIN_FAILURE);
  });

  test("a login link of no account is a 404 that says so, without the panel's dashboard link", async ({ page }) => {
    const res = await page.goto("/login/subuser/999999999");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This login link does not work" })).toBeVisible();
    await expect(page.getByText("Back to the dashboard")).toHaveCount(0);
  });

  test("an inactive subuser gets the same generic message", async ({ page, factory }) => {
    const sub = await factory.subuser({ roles: ["Admin"], active: false });
    await subuserLogin(page, sub.accountId, sub.name, sub.password);
    await expect(formError(page)).toHaveText(GENERIC_LOGIN_FAILURE);
    await expect(page).toHaveURL(new RegExp(`/login/subuser/${sub.accountId}$`));
  });

  test("after 5 wrong passwords the right one is refused too, with the same message", async ({ page, factory }) => {
    const sub = await factory.subuser({ roles: ["Support"] });
    for (let i = 0; i < 5; i++) {
      await subuserLogin(page, sub.accountId, sub.name, `Wrong-Passw0rd-${i}!`);
      await expect(formError(page)).toHaveText(GENERIC_LOGIN_FAILURE);
    }
    await subuserLogin(page, sub.accountId, sub.name, E2E_PASSWORD);
    await expect(formError(page)).toHaveText(GENERIC_LOGIN_FAILURE);
    await expect(page).toHaveURL(new RegExp(`/login/subuser/${sub.accountId}$`));
    const sessions = await factory.sessions({ accountId: sub.accountId, subuserId: sub.id });
    expect(sessions).toHaveLength(0);
  });
});

async function signup(page: Page, accountName: string, email: string) {
  await page.goto("/signup");
  await page.getByLabel("Account name").fill(accountName);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

test.describe("signup", () => {
  // Signup sends everyone to log in (a new email and a taken one alike, see the next test), so the
  // new owner logs in once, through the real form, and lands on the dashboard.
  test("creates an account; the owner logs in with it and lands on its dashboard", async ({ page, factory }) => {
    const name = uniq("signup-");
    await signup(page, name, `${name}@e2e.test`);
    await expect(page).toHaveURL(/\/login\?signed-up=1$/);
    await expect(page.getByTestId("signup-notice")).toBeVisible();
    const row = await factory.db.account.findUnique({ where: { name } });
    expect(row?.email).toBe(`${name}@e2e.test`);
    await page.getByLabel("Email or account name").fill(name);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("whoami")).toContainText(name);
  });

  // Threat: account enumeration by email (issue 7 part 4): a taken email must read exactly like a
  // new one.
  test("a taken email gets the same answer as a new one, and nothing is created", async ({ page, factory }) => {
    const taken = await factory.account();
    const fresh = uniq("fresh-");
    await signup(page, fresh, `${fresh}@e2e.test`);
    await expect(page).toHaveURL(/\/login\?signed-up=1$/);
    const freshNotice = await page.getByTestId("signup-notice").textContent();

    const probe = uniq("probe-");
    await signup(page, probe, taken.email);
    await expect(page).toHaveURL(/\/login\?signed-up=1$/);
    expect(await page.getByTestId("signup-notice").textContent()).toBe(freshNotice);
    await expect(page.locator("[data-field-error]")).toHaveCount(0);
    expect(await factory.db.account.findUnique({ where: { name: probe } })).toBeNull();
    expect(await factory.db.account.count({ where: { email: taken.email } })).toBe(1);
  });

  test("a taken account name is refused under the field, nothing created", async ({ page, factory }) => {
    const taken = await factory.account();
    const email = `${uniq("dup-")}@e2e.test`;
    await page.goto("/signup");
    await page.getByLabel("Account name").fill(taken.name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator('[data-field-error="accountName"]')).toBeVisible();
    await expect(page).toHaveURL(/\/signup$/);
    expect(await factory.db.account.count({ where: { email } })).toBe(0);
  });
});
