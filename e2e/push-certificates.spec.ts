// Push certificates as the account owner manages them in two applications: add an Apple .p12
// (a wrong password refused under its field, nothing stored), a development certificate for the
// same app beside it (sandbox), a Huawei credential (a missing secret refused); a certificate
// close to its expiry flagged; renew one by replacing its file; let a second application use a
// credential, remove it there, delete it. Nothing the platform signs with comes back to the
// browser. One account for the test.
import type { Page } from "@playwright/test";
import { applePushP12 } from "../test/apple-p12";
import { seriousViolations } from "./fixtures/axe";
import { test, expect } from "./fixtures";

const DAY = 86_400_000;
const BUNDLE = "com.example.phone";
const PRODUCTION = `Apple (APNs) ${BUNDLE}, production`;
const SANDBOX = `Apple (APNs) ${BUNDLE}, sandbox`;
const HUAWEI = "Huawei (Push Kit) com.example.phone.hms";
const P12 = applePushP12({ bundle: BUNDLE, password: "hunter2", notAfter: new Date(Date.UTC(2027, 5, 30)) });
const P12_FILE = { name: "push.p12", mimeType: "application/x-pkcs12", buffer: Buffer.from(P12, "base64") };

async function rowMenu(page: Page, name: string, item: string) {
  await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

const toast = (page: Page) => page.locator('[data-toast="success"]').first();

test("adds Apple and Huawei credentials, flags an expiring certificate, renews one, shares one with a second application, deletes", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const [mobile, kiosk] = [await factory.application(acct.id, "mobile"), await factory.application(acct.id, "kiosk")];
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto(`/applications/${mobile.id}/push-certificates`);
  await expect(page.locator("[data-empty-state]")).toContainText("No push certificates in this application");

  // A wrong password stays in the dialog with its error under the field; nothing is stored.
  await page.getByRole("button", { name: "Add credential" }).click();
  const add = page.getByRole("dialog", { name: "Add push credential" });
  await add.getByLabel("Certificate (.p12)").setInputFiles(P12_FILE);
  await add.getByLabel("Certificate password").fill("wrong");
  await add.getByRole("button", { name: "Add credential" }).click();
  await expect(add.locator('[data-field-error="certPassword"]')).toHaveText("This password does not open the file");
  expect(await factory.db.pushCredential.count({ where: { accountId: acct.id } })).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);

  await add.getByLabel("Certificate password").fill("hunter2");
  await add.getByRole("button", { name: "Add credential" }).click();
  await expect(toast(page)).toContainText(`${PRODUCTION} added to mobile`);
  const table = page.getByRole("table", { name: "Push certificates" });
  const production = table.locator("tbody tr").filter({ hasText: "Production" });
  await expect(production).toContainText(BUNDLE);
  await expect(production).toContainText("push.p12");

  // A development certificate for the same app sits beside it (sandbox), flagged: it expires in days.
  await page.getByRole("button", { name: "Add credential" }).click();
  const dev = applePushP12({ bundle: BUNDLE, kind: "Apple Development IOS Push Services", notAfter: new Date(Date.now() + 10 * DAY + 3_600_000) });
  await add.getByLabel("Certificate (.p12)").setInputFiles({ name: "dev.p12", mimeType: "application/x-pkcs12", buffer: Buffer.from(dev, "base64") });
  await add.getByRole("button", { name: "Add credential" }).click();
  await expect(toast(page)).toContainText(`${SANDBOX} added to mobile`);
  await expect(table.locator("tbody tr").filter({ hasText: "Sandbox" })).toContainText("Expires in 10 days");
  // Added inside the 30-day window: the expiry notification is raised at once, not at the next hourly run.
  expect(await factory.db.notification.count({ where: { accountId: acct.id, kind: "push_certificate_expiring" } })).toBe(1);

  // Huawei: its own fields; a missing secret is named.
  await page.getByRole("button", { name: "Add credential" }).click();
  await add.getByLabel("Provider").selectOption("HUAWEI");
  await add.getByLabel("Client ID").fill("108761");
  await add.getByLabel("App ID").fill("104455");
  await add.getByLabel("Package name (optional)").fill("com.example.phone.hms");
  await add.getByRole("button", { name: "Add credential" }).click();
  await expect(add.locator('[data-field-error="huaweiClientSecret"]')).toHaveText("Enter the client secret from AppGallery Connect");
  await add.getByLabel("Client secret").fill("s3cr3t-value");
  await add.getByRole("button", { name: "Add credential" }).click();
  await expect(toast(page)).toContainText(`${HUAWEI} added to mobile`);
  await expect(table.locator("tbody tr")).toHaveCount(3);
  // The environment filters like the rest of a row.
  await page.getByLabel("Filter push credentials").fill("sandbox");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await page.getByLabel("Filter push credentials").fill("");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  const html = await page.content();
  for (const secret of ["hunter2", "s3cr3t-value", P12.slice(40, 100), "PRIVATE KEY"]) expect(html).not.toContain(secret);
  expect(await seriousViolations(page)).toEqual([]);

  // Renewal: the production certificate's new file, with a later expiry.
  await rowMenu(page, PRODUCTION, "Replace certificate or environment");
  const replace = page.getByRole("dialog", { name: `Replace ${PRODUCTION}` });
  const renewed = applePushP12({ bundle: BUNDLE, notAfter: new Date(Date.UTC(2028, 0, 15)) });
  await replace.getByLabel("New certificate (.p12)").setInputFiles({ name: "renewed.p12", mimeType: "application/x-pkcs12", buffer: Buffer.from(renewed, "base64") });
  await replace.getByRole("button", { name: "Save" }).click();
  await expect(toast(page)).toContainText(`${PRODUCTION} saved`);
  await expect(production).toContainText("renewed.p12");
  expect((await factory.db.pushCredential.findFirstOrThrow({ where: { accountId: acct.id, provider: "APPLE", isDevMode: false } })).expiresAt?.toISOString()).toBe("2028-01-15T00:00:00.000Z");

  // The second application uses the Huawei credential, then lets it go.
  await page.goto(`/applications/${kiosk.id}/push-certificates`);
  await page.getByRole("button", { name: "Use an existing credential" }).click();
  const existing = page.getByRole("dialog", { name: "Use an existing credential" });
  await existing.getByLabel("Credential").selectOption({ label: HUAWEI });
  await existing.getByRole("button", { name: "Use this credential" }).click();
  await expect(toast(page)).toContainText(`kiosk now uses ${HUAWEI}`);
  await expect(page.getByRole("table", { name: "Push certificates" }).locator("tbody tr")).toContainText("mobile");
  await rowMenu(page, HUAWEI, "Remove from this application");
  const remove = page.getByRole("dialog", { name: `Remove ${HUAWEI} from kiosk?` });
  await expect(remove).toContainText("It stays in the account for mobile.");
  await remove.getByRole("button", { name: "Remove from application" }).click();
  await expect(page.locator("[data-empty-state]")).toContainText("No push certificates in this application");

  await page.goto(`/applications/${mobile.id}/push-certificates`);
  await rowMenu(page, SANDBOX, "Delete credential");
  await page.getByRole("dialog", { name: `Delete ${SANDBOX}?` }).getByRole("button", { name: "Delete credential" }).click();
  await expect(page.getByRole("table", { name: "Push certificates" }).locator("tbody tr")).toHaveCount(2);
  const actions = await factory.db.auditLog.findMany({ where: { accountId: acct.id, action: { startsWith: "push_credential." } }, orderBy: { id: "asc" }, select: { action: true } });
  expect(actions.map((a) => a.action)).toEqual([
    "push_credential.create",
    "push_credential.create",
    "push_credential.create",
    "push_credential.update",
    "push_credential.bind",
    "push_credential.unbind",
    "push_credential.delete",
  ]);
});
