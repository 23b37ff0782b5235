// The Notifications page renders every kind the domains write with a sentence and a link to where
// to act (issue 9): low balance, a blocked number, a caller ID's code, the verification's outcome,
// a SIP registration deactivated, a push certificate expiring; an unknown kind still renders. A reader without a kind's
// sections sees that it happened, not its figures, and no link it could not follow.
import { test, expect } from "./fixtures";

const NOW = Date.now();

async function accountWithEveryKind(factory: import("./fixtures/db").Factory) {
  const acct = await factory.account();
  const at = (minutes: number) => new Date(NOW - minutes * 60_000);
  const n = (kind: string, detail: unknown, minutes: number, sectionId = "") =>
    factory.db.notification.create({ data: { accountId: acct.id, kind, audience: "account", sectionId, detail: JSON.stringify(detail), createdAt: at(minutes) } });
  await n("low_balance", { balanceMinor: 4_20, thresholdMinor: 10_00, currency: "USD" }, 60);
  await n("number_blocked", { number: "+14155550123", numberId: 1, rentMinor: 2_00, releaseAt: "2026-12-31T12:00:00.000Z" }, 50);
  await n("caller_id_code", { number: "+14155550177", code: "482913", expiresInSeconds: 600 }, 40, "caller_ids");
  await n("verification_rejected", { reason: "The scan is unreadable" }, 30, "billing.verification");
  await n("verification_approved", { reason: "" }, 20, "billing.verification");
  await n("sip_registration_deactivated", { registration: "100@pbx.example.com", priceMinor: 1_00, currency: "USD" }, 15, "sip_registrations");
  const app = await factory.application(acct.id, "mobile");
  await n("push_certificate_expiring", { credential: "Apple (APNs) com.example.phone, production", credentialId: 1, expiresAt: "2027-01-10T09:30:00.000Z", applicationId: app.id }, 12, "application.push_certificates");
  await n("satellite_uplink", { whatever: 1 }, 10);
  return { ...acct, appId: app.id };
}

test("the owner reads each kind as a sentence with the link to act on it", async ({ browserLoggedIn, factory }) => {
  const acct = await accountWithEveryKind(factory);
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/notifications");
  const item = (kind: string) => page.locator(`[data-notification="${kind}"]`);

  await expect(item("low_balance")).toContainText("The balance is $4.20, below the low-balance threshold of $10.00.");
  await expect(item("low_balance").getByRole("link", { name: "Top up the balance" })).toHaveAttribute("href", "/billing?tab=top-up");

  await expect(item("number_blocked")).toContainText("+14155550123 is blocked: its monthly rent of $2.00 could not be paid.");
  await expect(item("number_blocked")).toContainText("released on 2026-12-31 12:00 UTC");
  await expect(item("number_blocked").getByRole("link", { name: "Restore it on Blocked numbers" })).toHaveAttribute("href", "/numbers/blocked");

  await expect(item("caller_id_code")).toContainText("The verification code for caller ID +14155550177 is 482913 (valid for 10 minutes).");
  await expect(item("caller_id_code").getByRole("link", { name: "Enter it on Caller IDs" })).toHaveAttribute("href", "/settings/caller-ids");

  await expect(item("verification_rejected")).toContainText("The account's verification was rejected: The scan is unreadable");
  await expect(item("verification_rejected").getByRole("link", { name: "Correct the details and submit again" })).toHaveAttribute("href", "/billing?tab=verification");
  await expect(item("verification_approved")).toContainText("The account's verification was approved");

  await expect(item("sip_registration_deactivated")).toContainText(
    "The SIP registration 100@pbx.example.com is deactivated: its monthly fee of $1.00 could not be paid. Calls through it stop until it is paid for.",
  );
  await expect(item("sip_registration_deactivated").getByRole("link", { name: "Pay and restore it on SIP registrations" })).toHaveAttribute("href", "/settings/sip-registrations");

  await expect(item("push_certificate_expiring")).toContainText("The push credential Apple (APNs) com.example.phone, production expires on 2027-01-10 09:30 UTC.");
  await expect(item("push_certificate_expiring").getByRole("link", { name: "Replace it on Push certificates" })).toHaveAttribute("href", `/applications/${acct.appId}/push-certificates`);

  await expect(item("satellite_uplink")).toContainText("A notification of type “satellite_uplink”.");

  await item("low_balance").getByRole("link", { name: "Top up the balance" }).click();
  await expect(page).toHaveURL(/\/billing\?tab=top-up$/);
  await expect(page.getByTestId("top-up-form")).toBeVisible();
});

// Threat: a notification leaking a section's figures (the balance, a caller ID's code, a
// rejection's reason) to a reader whose roles do not open that section.
test("a Developer reads that things happened, without the figures, the code or links it cannot follow", async ({ browserLoggedIn, factory }) => {
  const acct = await accountWithEveryKind(factory);
  const dev = await factory.subuser({ accountId: acct.id, roles: ["Developer"] });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: dev.name, password: dev.password })).newPage();
  await page.goto("/notifications");
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list.locator("li")).toHaveCount(8);
  // A Developer holds Push certificates: the expiring certificate and where to replace it.
  await expect(page.locator('[data-notification="push_certificate_expiring"]').getByRole("link", { name: "Replace it on Push certificates" })).toHaveAttribute("href", `/applications/${acct.appId}/push-certificates`);
  await expect(page.locator('[data-notification="sip_registration_deactivated"]')).toContainText("A SIP registration was deactivated: its monthly fee could not be paid.");
  await expect(page.locator('[data-notification="low_balance"]')).toContainText("The account's balance fell below its low-balance threshold.");
  await expect(page.locator('[data-notification="low_balance"]')).toContainText("Someone with access to Billing can top it up.");
  await expect(page.locator('[data-notification="caller_id_code"]')).toContainText("A caller ID verification code was sent.");
  // A Developer holds My numbers: the blocked number's own details and a link there.
  await expect(page.locator('[data-notification="number_blocked"]')).toContainText("+14155550123 is blocked");
  await expect(page.locator('[data-notification="number_blocked"]').getByRole("link", { name: "See your numbers" })).toHaveAttribute("href", "/numbers");
  const html = await list.innerHTML();
  for (const secret of ["$4.20", "482913", "+14155550177", "The scan is unreadable", "100@pbx.example.com"]) expect(html).not.toContain(secret);
  await expect(list.locator('a[href^="/billing"], a[href^="/settings/caller-ids"], a[href^="/settings/sip-registrations"]')).toHaveCount(0);
});

test("a Payer sees the balance figures and the rejection's reason, but not the caller ID's code", async ({ browserLoggedIn, factory }) => {
  const acct = await accountWithEveryKind(factory);
  const payer = await factory.subuser({ accountId: acct.id, roles: ["Payer"] });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: payer.name, password: payer.password })).newPage();
  await page.goto("/notifications");
  await expect(page.locator('[data-notification="low_balance"]')).toContainText("The balance is $4.20");
  await expect(page.locator('[data-notification="verification_rejected"]')).toContainText("The scan is unreadable");
  // Payer lacks Blocked numbers but holds Billing: paying the rent is its way to act.
  await expect(page.locator('[data-notification="number_blocked"]').getByRole("link", { name: "Top up the balance" })).toBeVisible();
  await expect(page.locator('[data-notification="caller_id_code"]')).not.toContainText("482913");
  // Payer lacks Push certificates: that one is expiring, not which.
  await expect(page.locator('[data-notification="push_certificate_expiring"]')).not.toContainText("com.example.phone");
  await expect(page.locator('[data-notification="push_certificate_expiring"]')).toContainText("A push certificate of the account is about to expire.");
});
