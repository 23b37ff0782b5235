// Two-step verification as people use it: turning it on from the profile with an authenticator
// app (the app's codes computed here from the key the page shows), logging in with a code and
// with a recovery code, and the account owner letting a subuser who lost its phone back in.
// Threat: a stolen password. With the verification on, the password step opens no session.
import type { Page } from "@playwright/test";
import { test, expect, logOut } from "./fixtures";
import { totpCode } from "@/lib/auth/two-step";
import * as subusers from "./fixtures/subusers-page";

/** The code an authenticator shows one 30-second step ahead: never the step the last code used, and inside the accepted window. */
const nextCode = (secret: string) => totpCode(secret, Date.now() + 30_000);

async function passwordStep(page: Page, url: string, fields: Record<string, string>) {
  await page.goto(url);
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("code-step")).toBeVisible();
}

test("the owner turns it on, then logs in with a recovery code and with the app's code", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/profile");
  await page.getByRole("button", { name: "Turn on two-step verification" }).click();
  const setup = page.getByTestId("two-step-setup");
  await expect(setup.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await setup.getByTestId("two-step-secret").getAttribute("data-secret")) ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A code from another key (a QR code scanned from an older attempt) is refused under the field.
  await setup.getByLabel("Code").fill(totpCode("JBSWY3DPEHPK3PXP", Date.now()));
  await setup.getByRole("button", { name: "Turn on" }).click();
  await expect(setup.locator('[data-field-error="code"]')).toContainText("not the code the app shows now");
  await expect(setup.getByLabel("Code")).toBeFocused();

  await setup.getByLabel("Code").fill(totpCode(secret, Date.now()));
  await setup.getByRole("button", { name: "Turn on" }).click();
  const codes = page.getByTestId("recovery-codes");
  await expect(codes.getByRole("listitem")).toHaveCount(10);
  const recovery = (await codes.getByRole("listitem").allTextContents()).map((c) => c.trim());
  // Not yet downloaded or copied: a link elsewhere asks first, and Cancel keeps the codes on screen.
  page.once("dialog", (d) => void d.dismiss());
  await page.getByRole("link", { name: "Dashboard" }).first().click();
  await expect(codes.getByRole("listitem")).toHaveCount(10);
  const download = page.waitForEvent("download");
  await codes.getByRole("button", { name: "Download" }).click();
  expect((await download).suggestedFilename()).toBe(`switchboard-recovery-codes-${acct.name}.txt`);
  await codes.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByTestId("two-step")).toContainText("On");
  await expect(page.getByTestId("recovery-codes-left")).toHaveText(/^10 of 10 recovery codes left/);

  // The password alone opens nothing now, in the browser or at Auth.js's own endpoint.
  await logOut(page);
  await passwordStep(page, "/login", { "Email or account name": acct.name, Password: acct.password });
  const step = page.getByTestId("code-step");
  await step.getByLabel("Code").fill(totpCode(secret, Date.now() - 10 * 60_000));
  await step.getByRole("button", { name: "Verify" }).click();
  await expect(step.locator('[data-field-error="code"]')).toContainText("Wrong code");
  await step.getByLabel("Code").fill(recovery[0]!.toLowerCase());
  await step.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard\?recovery-code=used$/);
  await expect(page.getByTestId("recovery-code-notice")).toContainText("9 codes are left");
  await page.getByTestId("recovery-code-notice").getByRole("link", { name: "Profile" }).click();
  await expect(page.getByTestId("recovery-codes-left")).toHaveText(/^9 of 10/);

  await logOut(page);
  // A code step whose challenge is no longer good (forged here; in life, five minutes old) goes back to the password step, saying why.
  await passwordStep(page, "/login", { "Email or account name": acct.email, Password: acct.password });
  await page.getByTestId("code-step").locator('input[name="challenge"]').evaluate((el) => ((el as HTMLInputElement).value = "stale"));
  await page.getByTestId("code-step").getByLabel("Code").fill(nextCode(secret));
  await page.getByTestId("code-step").getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("[data-form-error]")).toHaveText("The login took too long: log in again.");
  await expect(page.getByLabel("Email or account name")).toBeFocused();
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();

  await passwordStep(page, "/login", { "Email or account name": acct.email, Password: acct.password });
  await page.getByTestId("code-step").getByLabel("Code").fill(nextCode(secret));
  await page.getByTestId("code-step").getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/settings/security");
  await expect(page.getByTestId("two-step-coverage")).toContainText("is on for the account owner");

  // Turning it off asks for the password again.
  await page.goto("/profile");
  await page.getByTestId("two-step").getByRole("button", { name: "Turn off" }).click();
  const off = page.getByTestId("two-step-off-dialog");
  await off.getByLabel("Current password").fill("Wrong-Passw0rd!");
  await off.getByRole("button", { name: "Turn off" }).click();
  await expect(off.locator('[data-field-error="currentPassword"]')).toHaveText("The current password is wrong");
  await off.getByLabel("Current password").fill(acct.password);
  await off.getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByRole("button", { name: "Turn on two-step verification" })).toBeVisible();
});

test("Auth.js's credentials endpoint alone sets no session cookie for a login with two-step verification", async ({ playwright, factory, baseURL }) => {
  const acct = await factory.account();
  await factory.db.account.update({ where: { id: acct.id }, data: { totpSecret: "JBSWY3DPEHPK3PXP" } });
  const request = await playwright.request.newContext({ baseURL });
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/owner", { form: { csrfToken, login: acct.name, password: acct.password }, maxRedirects: 0 });
  expect(res.status()).toBeLessThan(500);
  expect((await request.storageState()).cookies.filter((c) => c.name.endsWith("authjs.session-token"))).toEqual([]);
  expect(await factory.db.session.count({ where: { accountId: acct.id } })).toBe(0);
  await request.dispose();
});

test("a subuser logs in with its code; the owner turns off the verification of one who lost the phone", async ({ browser, browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const sub = await factory.subuser({ accountId: acct.id, roles: ["Developer"] });
  const secret = "KRSXG5CTMVRXEZLUKN2XAZLSKRUW4ZZR";
  await factory.db.subuser.update({ where: { id: sub.id }, data: { totpSecret: secret } });

  const subPage = await (await browser.newContext()).newPage();
  await passwordStep(subPage, `/login/subuser/${acct.id}`, { "Subuser name": sub.name, Password: sub.password });
  await subPage.getByTestId("code-step").getByLabel("Code").fill(nextCode(secret));
  await subPage.getByTestId("code-step").getByRole("button", { name: "Verify" }).click();
  await expect(subPage).toHaveURL(/\/dashboard$/);
  await expect(subPage.getByTestId("whoami")).toContainText(sub.name);

  const owner = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await owner.goto(subusers.SUBUSERS_URL);
  await expect(subusers.row(owner, sub.name).locator("[data-two-step]")).toHaveText("Two-step");
  await subusers.rowAction(owner, sub.name, "Turn off two-step verification");
  const d = subusers.dialog(owner, `Turn off two-step verification of ${sub.name}?`);
  await d.getByRole("button", { name: "Turn off" }).click();
  await expect(d).toBeHidden();
  await expect(subusers.row(owner, sub.name).locator("[data-two-step]")).toHaveCount(0);

  await logOut(subPage);
  await subPage.getByLabel("Subuser name").fill(sub.name);
  await subPage.getByLabel("Password", { exact: true }).fill(sub.password);
  await subPage.getByRole("button", { name: "Log in" }).click();
  await expect(subPage).toHaveURL(/\/dashboard$/);
});

test("the owner requires it of every subuser: one without it can only set it up, then carries on", async ({ browser, browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const sub = await factory.subuser({ accountId: acct.id, roles: ["Developer"] });
  const owner = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await owner.goto("/settings/security");
  // Not before the owner's own login has it.
  await expect(owner.getByTestId("require-two-step")).toBeDisabled();
  await expect(owner.getByText("Turn it on for your own login in Profile first.")).toBeVisible();
  await factory.db.account.update({ where: { id: acct.id }, data: { totpSecret: "JBSWY3DPEHPK3PXP" } });
  await owner.reload();
  await owner.getByTestId("require-two-step").click();
  const confirm = owner.getByTestId("require-two-step-dialog");
  await expect(confirm).toContainText("1 subuser without it will be stopped at their next click");
  await confirm.getByRole("button", { name: "Require it" }).click();
  await expect(owner.locator('[data-toast="success"]')).toContainText("1 subuser without it must set it up");
  await expect(owner.getByTestId("require-two-step")).toBeFocused();
  await expect(owner.getByTestId("two-step-coverage")).toContainText("The account requires it of every subuser");
  await owner.goto(subusers.SUBUSERS_URL);
  await expect(subusers.row(owner, sub.name).locator("[data-two-step-due]")).toHaveText("Two-step due");

  const page = await (await browser.newContext()).newPage();
  await page.goto(`/login/subuser/${acct.id}`);
  await page.getByLabel("Subuser name").fill(sub.name);
  await page.getByLabel("Password", { exact: true }).fill(sub.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/two-step$/);
  await expect(page.getByTestId("two-step-required")).toContainText(`You are logged in as subuser ${sub.name}. Account ${acct.name} requires two-step verification of every subuser`);
  // Every other page sends it back here.
  await page.goto("/applications");
  await expect(page).toHaveURL(/\/two-step$/);

  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  const secret = (await page.getByTestId("two-step-secret").getAttribute("data-secret")) ?? "";
  await page.getByLabel("Code").fill(totpCode(secret, Date.now()));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/applications");
  await expect(page).toHaveURL(/\/applications$/);
});

test("two setup tabs: the older one's code is refused as replaced by the newer setup, not blamed on the phone's clock", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const context = await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password });
  const [older, newer] = [await context.newPage(), await context.newPage()];
  for (const page of [older, newer]) {
    await page.goto("/profile");
    await page.getByRole("button", { name: "Turn on two-step verification" }).click();
    await expect(page.getByTestId("two-step-setup")).toBeVisible();
  }
  const secretOf = async (page: Page) => (await page.getByTestId("two-step-secret").getAttribute("data-secret")) ?? "";
  const setup = older.getByTestId("two-step-setup");
  await setup.getByLabel("Code").fill(totpCode(await secretOf(older), Date.now()));
  await setup.getByRole("button", { name: "Turn on" }).click();
  await expect(setup.locator("[data-form-error]")).toHaveText("This setup was replaced by a newer one (another tab or window). Use the QR code shown there, or start again.");
  await expect(setup.locator('[data-field-error="code"]')).toHaveCount(0);

  const current = newer.getByTestId("two-step-setup");
  await current.getByLabel("Code").fill(totpCode(await secretOf(newer), Date.now()));
  await current.getByRole("button", { name: "Turn on" }).click();
  await expect(newer.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
});

test("Back from the code step returns to the password step on /login, posting nothing; Forward brings nothing back", async ({ browser, factory }) => {
  const acct = await factory.account();
  const secret = "JBSWY3DPEHPK3PXP";
  await factory.db.account.update({ where: { id: acct.id }, data: { totpSecret: secret } });
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signup");
  await passwordStep(page, "/login", { "Email or account name": acct.name, Password: acct.password });
  // Nothing secret in the address or in the history entry the code step added.
  const challenge = await page.getByTestId("code-step").locator('input[name="challenge"]').inputValue();
  expect(challenge.length).toBeGreaterThan(20);
  expect(page.url()).toMatch(/\/login$/);
  const entry = JSON.stringify(await page.evaluate(() => window.history.state));
  for (const kept of [challenge, acct.password]) expect(entry).not.toContain(kept);
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });

  await page.goBack();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId("code-step")).toHaveCount(0);
  await expect(page.getByLabel("Email or account name")).toHaveValue(acct.name);
  await expect(page.getByLabel("Email or account name")).toBeFocused();
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await page.goForward();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId("code-step")).toHaveCount(0);
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  expect(posts).toEqual([]);

  // The password step works as before, and Back from a second code step still stays on /login.
  await page.getByLabel("Password", { exact: true }).fill(acct.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("code-step")).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  // "Start again with the password" goes back the same way, keeping the login name.
  await page.getByLabel("Password", { exact: true }).fill(acct.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("link", { name: "Start again with the password" }).click();
  await expect(page.getByTestId("code-step")).toHaveCount(0);
  await expect(page.getByLabel("Email or account name")).toHaveValue(acct.name);
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Password", { exact: true }).fill(acct.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByTestId("code-step").getByLabel("Code").fill(nextCode(secret));
  await page.getByTestId("code-step").getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("whoami")).toContainText(acct.name);
  // Back from the dashboard never shows a login form again: the code step's entry was replaced
  // by the landing, and the password step's entry, logged in, sends on to the dashboard.
  await page.goBack();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("whoami")).toContainText(acct.name);
  await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
});
