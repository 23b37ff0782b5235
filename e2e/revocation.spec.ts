// Threat: a subuser the owner has cut off keeps working in tabs it already has open (ASVS 7.4.2,
// docs/SECURITY.md "Revoke on ..."): deactivation, a role change, a password reset and deletion must
// end every session of that subuser on its very next request — a reload, a client-side
// navigation, another device. The owner acts through the real UI, in its own browser context.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import type { FactoryAccount, FactorySubuser } from "./fixtures/db";
import * as subusers from "./fixtures/subusers-page";

type Setup = {
  owner: Page;
  sub: FactorySubuser;
  /** The subuser's first browser: two tabs sharing one session. */
  tabs: [Page, Page];
  /** The subuser on a second device: its own session. */
  other: Page;
};

async function expectLoggedIn(page: Page) {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("whoami")).toBeVisible();
}

/**
 * After the owner's change, every open tab of the subuser ends on its account's subuser login
 * link (the only page it can log in on), saying that its session has ended; a deleted subuser,
 * whose sessions are gone with it, on /login.
 */
async function expectAllSentToLogin(s: Setup, opts: { deleted?: boolean } = {}) {
  // With the page the tab was on to return to after logging in (`next`), unless that was the dashboard.
  const login = opts.deleted ? /\/login(?:\?next=%2F[^&]*)?$/ : new RegExp(`/login/subuser/${s.sub.accountId}\\?ended=1(?:&next=%2F[^&]*)?$`);
  // Tab 1: a client-side navigation through the sidebar (an RSC request, no full reload).
  await s.tabs[0].locator('nav[aria-label="Sections"] [data-section="notification_history"]').click();
  await expect(s.tabs[0]).toHaveURL(login);
  if (!opts.deleted) await expect(s.tabs[0].getByTestId("session-ended")).toContainText("Your session has ended");
  // Tab 2 of the same browser and the second device: a reload.
  for (const page of [s.tabs[1], s.other]) {
    await page.reload();
    await expect(page).toHaveURL(login);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(login);
  }
}

// Three browser contexts per test (the owner; the subuser on two devices, one with two tabs).
test.describe.configure({ mode: "parallel", timeout: 120_000 });

test.describe("a subuser's open sessions end on its next request when the owner", () => {
  let acct: FactoryAccount;
  let s: Setup;

  test.beforeEach(async ({ browserLoggedIn, factory }) => {
    acct = await factory.account();
    const sub = await factory.subuser({ accountId: acct.id, roles: ["Developer", "Support"] });
    const subCreds = { kind: "subuser" as const, accountId: acct.id, name: sub.name, password: sub.password };
    const [ownerCtx, subCtx, otherCtx] = await Promise.all([
      browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password }),
      browserLoggedIn(subCreds),
      browserLoggedIn(subCreds),
    ]);
    const tabs: [Page, Page] = [await subCtx.newPage(), await subCtx.newPage()];
    const other = await otherCtx.newPage();
    for (const page of [...tabs, other]) await expectLoggedIn(page);
    expect(await factory.sessions({ accountId: acct.id, subuserId: sub.id })).toHaveLength(2);
    const owner = await ownerCtx.newPage();
    await owner.goto(subusers.SUBUSERS_URL);
    await expect(subusers.row(owner, sub.name)).toBeVisible();
    s = { owner, sub, tabs, other };
  });

  test("deactivates it", async ({ factory, canLogIn }) => {
    await subusers.deactivate(s.owner, s.sub.name);
    await expectAllSentToLogin(s);
    const sessions = await factory.sessions({ accountId: acct.id, subuserId: s.sub.id });
    expect(sessions.every((x) => x.revokedAt !== null)).toBe(true);
    expect(await canLogIn({ kind: "subuser", accountId: acct.id, name: s.sub.name, password: s.sub.password })).toBe(false);
  });

  test("changes its roles; logged in again, it sees only the new roles' sections", async ({ factory, apiLoggedIn }) => {
    // Developer + Support -> Payer: loses /logs and /calls, gains /billing.
    await subusers.editRoles(s.owner, s.sub.name, ["Payer"]);
    await expectAllSentToLogin(s);
    const row = await factory.findSubuser(acct.id, s.sub.name);
    expect(row?.roles.map((r) => r.role)).toEqual(["Payer"]);
    const api = await apiLoggedIn({ kind: "subuser", accountId: acct.id, name: s.sub.name, password: s.sub.password });
    expect((await api.get("/logs", { maxRedirects: 0 })).status()).toBe(403);
    expect((await api.get("/calls", { maxRedirects: 0 })).status()).toBe(403);
    expect((await api.get("/billing", { maxRedirects: 0 })).status()).toBe(200);
  });

  test("resets its password; only the new password logs in", async ({ factory, apiLoggedIn, canLogIn }) => {
    const fresh = "Fresh-Passw0rd!";
    await subusers.resetPassword(s.owner, s.sub.name, fresh);
    await expectAllSentToLogin(s);
    const creds = { kind: "subuser" as const, accountId: acct.id, name: s.sub.name };
    expect(await canLogIn({ ...creds, password: s.sub.password })).toBe(false);
    const api = await apiLoggedIn({ ...creds, password: fresh });
    expect((await api.get("/dashboard", { maxRedirects: 0 })).status()).toBe(200);
    expect(await factory.sessions({ accountId: acct.id, subuserId: s.sub.id })).toHaveLength(3);
  });

  test("deletes it", async ({ factory, canLogIn }) => {
    await subusers.remove(s.owner, s.sub.name);
    await expectAllSentToLogin(s, { deleted: true });
    expect(await factory.findSubuser(acct.id, s.sub.name)).toBeNull();
    expect(await canLogIn({ kind: "subuser", accountId: acct.id, name: s.sub.name, password: s.sub.password })).toBe(false);
  });
});
