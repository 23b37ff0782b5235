// Billing as people use it (issue 9, the money panel): an owner tops up with each kind of test
// card, filters the transactions and exports exactly those, downloads a receipt and an invoice,
// sets the billing settings and runs the billing day; a Payer verifies the account and the owner
// approves it; PayerNoVerify sees the status and no verification control. Each test makes its
// own account.
import { readFile } from "node:fs/promises";
import { COLOUR_RULES, seriousViolations } from "./fixtures/axe";
import type { Page } from "@playwright/test";
import { test, expect, type E2eFixtures } from "./fixtures";
import { BASE_URL } from "./fixtures/env";
import { apiLogin } from "./fixtures/auth";

const CARD = { ok: "4242 4242 4242 4242", confirm: "4000 0027 6000 3184", declined: "4000 0000 0000 0002" };

async function ownerOnBilling({ browserLoggedIn, factory }: Pick<E2eFixtures, "browserLoggedIn" | "factory">, tab = "transactions") {
  const acct = await factory.account();
  const context = await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password });
  const page = await context.newPage();
  await page.goto(`/billing?tab=${tab}`);
  return { acct, page, context };
}

async function payWith(page: Page, amount: string, card: string) {
  const form = page.getByTestId("top-up-form");
  await form.getByLabel("Amount (USD)").fill(amount);
  await form.getByLabel("Card number").fill(card);
  await form.getByLabel("Expiry (MM/YY)").fill("12/99");
  await form.getByLabel("CVC").fill("123");
  await form.getByTestId("top-up-submit").click();
}

const balanceOf = (accountId: number, factory: E2eFixtures["factory"]) =>
  factory.db.ledgerEntry.aggregate({ where: { accountId }, _sum: { amountMinor: true } }).then((a) => a._sum.amountMinor ?? 0);

test("an owner tops up with the success card: a toast, the balance moves, the transaction and its receipt are there", async ({ browserLoggedIn, factory }) => {
  const { acct, page } = await ownerOnBilling({ browserLoggedIn, factory }, "top-up");
  await expect(page.getByTestId("balance")).toHaveText("$0.00");
  await page.getByTestId("top-up-form").getByLabel("Amount (USD)").fill("25.5");
  // The button states what it will charge.
  await expect(page.getByTestId("top-up-submit")).toHaveText("Top up $25.50");
  await payWith(page, "25.50", CARD.ok);
  await expect(page.locator('[data-toast="success"]')).toContainText("Payment of $25.50 succeeded");
  await expect(page.getByTestId("balance")).toHaveText("$25.50");
  expect(await balanceOf(acct.id, factory)).toBe(25_50);

  await page.getByRole("navigation", { name: "Billing" }).getByRole("link", { name: "Transactions" }).click();
  const row = page.locator("table tbody tr").filter({ has: page.locator('[data-kind="topup"]') });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("+$25.50");
  await expect(row).toContainText("Top-up R-");

  await page.getByRole("link", { name: "Receipts" }).click();
  const receipt = page.getByRole("link", { name: /^Download receipt R-\d{4}-\d{6} \(PDF\)$/ });
  await expect(receipt).toBeVisible();
  const download = page.waitForEvent("download");
  await receipt.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^receipt-R-\d{4}-\d{6}\.pdf$/);
  expect((await readFile((await file.path())!)).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  await page.getByRole("link", { name: "Invoices" }).click();
  const invoice = page.locator("[data-invoice]").first();
  const invoiceDownload = page.waitForEvent("download");
  await invoice.click();
  const pdf = await invoiceDownload;
  expect(pdf.suggestedFilename()).toMatch(new RegExp(`^invoice-INV-${acct.id}-\\d{6}\\.pdf$`));
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
});

test("the confirmation card takes two steps: confirm credits, cancel does not, and a closed step waits in the list", async ({ browserLoggedIn, factory }) => {
  const { acct, page } = await ownerOnBilling({ browserLoggedIn, factory }, "top-up");
  await payWith(page, "40", CARD.confirm);
  const step = page.getByRole("dialog", { name: "Confirm your payment" });
  await expect(step).toContainText("Pay $40.00 to Switchboard");
  await expect(step).toContainText("Visa ending 3184");
  expect(await balanceOf(acct.id, factory)).toBe(0);
  await step.getByRole("button", { name: "Confirm payment" }).click();
  await expect(step).toBeHidden();
  await expect(page.locator('[data-toast="success"]').filter({ hasText: "Payment of $40.00 confirmed" })).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("$40.00");

  await payWith(page, "15", CARD.confirm);
  await step.getByRole("button", { name: "Cancel payment" }).click();
  await expect(step).toBeHidden();
  await expect(page.locator('[data-toast="success"]').filter({ hasText: "cancelled: nothing was charged" })).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("$40.00");

  // Closing the step leaves the payment waiting: listed, and confirmable later.
  await payWith(page, "7.25", CARD.confirm);
  await expect(step).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(step).toBeHidden();
  const pending = page.getByTestId("pending-payments");
  await expect(pending).toContainText("$7.25");
  await page.goto("/billing");
  await expect(page.getByTestId("pending-notice")).toContainText("A top-up of $7.25 waits for confirmation");
  await page.getByTestId("pending-notice").getByRole("link", { name: "Confirm or cancel" }).click();
  await pending.getByRole("button", { name: "Confirm or cancel" }).click();
  await step.getByRole("button", { name: "Confirm payment" }).click();
  await expect(page.locator('[data-toast="success"]').filter({ hasText: "Payment of $7.25 confirmed" })).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("$47.25");
  await expect(pending).toBeHidden();
  expect(await balanceOf(acct.id, factory)).toBe(47_25);
});

test("a declined card: the error is under the card field and nothing is credited", async ({ browserLoggedIn, factory }) => {
  const { acct, page } = await ownerOnBilling({ browserLoggedIn, factory }, "top-up");
  await payWith(page, "30", CARD.declined);
  const error = page.locator('[data-field-error="cardNumber"]');
  await expect(error).toHaveText("Your card was declined.");
  await expect(page.getByTestId("top-up-form").getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");
  // What was typed stays, to try another card.
  await expect(page.getByTestId("top-up-form").getByLabel("Amount (USD)")).toHaveValue("30");
  await expect(page.getByTestId("balance")).toHaveText("$0.00");
  expect(await factory.db.ledgerEntry.count({ where: { accountId: acct.id } })).toBe(0);

  // A card that is not a test card never reaches the simulator.
  await payWith(page, "30", "4111 1111 1111 1111");
  await expect(error).toContainText("use one of the test cards");
});

test("transactions filter by kind and date on the server, and the CSV export has exactly those rows", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const at = (d: string) => new Date(`${d}T12:00:00Z`);
  await factory.db.ledgerEntry.createMany({
    data: [
      { accountId: acct.id, amountMinor: 100_00, kind: "topup", memo: "Top-up one", createdAt: at("2026-10-01") },
      { accountId: acct.id, amountMinor: -12, kind: "sms", memo: "SMS to +14155550100", createdAt: at("2026-10-02") },
      { accountId: acct.id, amountMinor: -2_50, kind: "number_rent", memo: "Rent of +14155550111", createdAt: at("2026-10-03") },
      { accountId: acct.id, amountMinor: -7, kind: "sms", memo: "SMS to +14155550199", createdAt: at("2026-11-02") },
    ],
  });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/billing");
  await expect(page.locator("table tbody tr")).toHaveCount(4);
  const filters = page.getByTestId("ledger-filters");
  await filters.getByLabel("SMS").check();
  await filters.getByLabel("Number rent").check();
  await filters.getByLabel("To (UTC day, included)").fill("2026-10-31");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/kind=number_rent&kind=sms/);
  await expect(page.locator("table tbody tr")).toHaveCount(2);
  await expect(page.locator("table tbody")).not.toContainText("+14155550199");
  await expect(page.locator("table tbody")).not.toContainText("Top-up one");

  const download = page.waitForEvent("download");
  await page.getByTestId("export-transactions").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^transactions-${acct.name}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const lines = (await readFile((await file.path())!, "utf8")).trim().split("\r\n");
  expect(lines[0]).toBe("id,created_at_utc,kind,description,amount,currency,reference_type,reference_id");
  expect(lines.slice(1).map((l) => l.split(",").slice(1, 6).join(","))).toEqual([
    "2026-10-03T12:00:00.000Z,number_rent,Rent of +14155550111,-2.50,USD",
    "2026-10-02T12:00:00.000Z,sms,SMS to +14155550100,-0.12,USD",
  ]);

  // Clearing brings every row back; a bad date is named under its field, not a 500.
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page.locator("table tbody tr")).toHaveCount(4);
  // ...and empties the form too: its inputs must not keep the cleared choices for the next Apply.
  await expect(filters.getByLabel("SMS")).not.toBeChecked();
  await expect(filters.getByLabel("To (UTC day, included)")).toHaveValue("");
  const res = await page.goto("/billing?tab=transactions&from=2026-02-30");
  expect(res?.status()).toBe(200);
  await expect(page.locator('[data-field-error="from"]')).toHaveText("There is no day 2026-02-30: enter the start date as YYYY-MM-DD (years 2000 to 2999)");
});

test("settings: the threshold for any Billing holder, the credit limit for the account owner only", async ({ browserLoggedIn, factory }) => {
  const { acct, page } = await ownerOnBilling({ browserLoggedIn, factory }, "settings");
  const form = page.getByTestId("billing-settings");
  await form.getByLabel("Low-balance alert threshold (USD)").fill("12.30");
  await form.getByLabel("Credit limit (USD)").fill("abc");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.locator('[data-field-error="creditLimit"]')).toHaveText("Enter the credit limit as a number, like 25 or 25.50");
  await form.getByLabel("Credit limit (USD)").fill("5");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator('[data-toast="success"]')).toContainText("Billing settings saved");
  await expect(page.getByTestId("low-balance-threshold")).toHaveText("Below $12.30");
  await expect(page.getByTestId("credit-limit")).toHaveText("$5.00");

  const admin = await factory.subuser({ accountId: acct.id, roles: ["Admin"] });
  const adminPage = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: admin.name, password: admin.password })).newPage();
  await adminPage.goto("/billing?tab=settings");
  await expect(adminPage.getByTestId("credit-limit-readonly")).toContainText("Only the account owner can change the credit limit.");
  await expect(adminPage.getByLabel("Credit limit (USD)")).toHaveCount(0);
  await adminPage.getByLabel("Low-balance alert threshold (USD)").fill("3");
  await adminPage.getByRole("button", { name: "Save settings" }).click();
  await expect(adminPage.getByTestId("low-balance-threshold")).toHaveText("Below $3.00");
  expect(await factory.db.account.findUnique({ where: { id: acct.id }, select: { lowBalanceThresholdMinor: true, creditLimitMinor: true } })).toEqual({ lowBalanceThresholdMinor: 3_00, creditLimitMinor: 5_00 });
});

test("run billing day: a confirmation, then the report", async ({ browserLoggedIn, factory }) => {
  const { page } = await ownerOnBilling({ browserLoggedIn, factory });
  await page.getByTestId("run-billing-day").click();
  const confirm = page.getByRole("dialog", { name: "Run billing day?" });
  await expect(confirm).toContainText("pays its monthly rent from the balance");
  await confirm.getByRole("button", { name: "Run billing day" }).click();
  const report = page.getByRole("dialog", { name: "Billing day done" });
  await expect(report.locator('[data-report="renewed"]')).toHaveText("0 numbers");
  await expect(report.locator('[data-report="charged"]')).toHaveText("$0.00");
  await report.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("run-billing-day")).toBeFocused();
});

test("a Payer fills in the details, uploads a document and submits; the owner approves; everyone is told", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const payer = await factory.subuser({ accountId: acct.id, roles: ["Payer"] });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: payer.name, password: payer.password })).newPage();
  await page.goto("/billing");
  await page.locator('[data-action="billing.verification"]', { hasText: "Verify the account" }).click();
  await expect(page).toHaveURL(/\/billing\?tab=verification$/);
  const details = page.getByTestId("verification-details");
  await details.getByLabel("A company").check();
  await details.getByLabel("Company's legal name").fill("Acme Telecom Ltd");
  await details.getByLabel("Country").selectOption({ label: "Germany" });
  await details.getByLabel("Address").fill("Unter den Linden 1, Berlin");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.locator('[data-field-error="registrationNumber"]')).toHaveText("A company needs its registration number");
  await details.getByLabel("Registration number").fill("HRB 12345");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(page.locator('[data-toast="success"]').filter({ hasText: "Verification details saved" })).toBeVisible();

  const upload = page.getByTestId("upload-document");
  // Something that only claims to be a PDF: the server sniffs it and says so under the field.
  await upload.getByLabel("Add a document").setInputFiles({ name: "fake.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") });
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(upload.locator('[data-field-error="file"]')).toHaveText("Upload a PDF, PNG or JPEG file");
  await upload.getByLabel("Add a document").setInputFiles({ name: "registration.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") });
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(page.locator('[data-document="registration.pdf"]')).toBeVisible();
  expect(await factory.db.verificationDocument.count({ where: { accountId: acct.id } })).toBe(1);

  await page.getByTestId("submit-verification").click();
  await page.getByRole("dialog", { name: "Submit for review?" }).getByRole("button", { name: "Submit for review" }).click();
  await expect(page.locator('[data-toast="success"]').filter({ hasText: "Sent for review" })).toBeVisible();
  await expect(page.locator("[data-verification-status]").first()).toHaveAttribute("data-verification-status", "in_review");
  // In review, nothing can change and there is no reviewing for a Payer.
  await expect(page.getByRole("button", { name: "Save details" })).toHaveCount(0);
  await expect(page.getByTestId("review-controls")).toHaveCount(0);

  const owner = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await owner.goto("/billing?tab=verification");
  await owner.getByTestId("review-controls").getByRole("button", { name: "Approve" }).click();
  await owner.getByRole("dialog", { name: "Approve the verification?" }).getByRole("button", { name: "Approve" }).click();
  await expect(owner.locator('[data-toast="success"]').filter({ hasText: "Verification approved" })).toBeVisible();
  await expect(owner.getByTestId("verification").locator("[data-verification-status]").first()).toHaveAttribute("data-verification-status", "verified");
  expect(await factory.db.accountVerification.findUnique({ where: { accountId: acct.id }, select: { status: true } })).toEqual({ status: "verified" });

  await page.goto("/notifications");
  const told = page.locator('[data-notification="verification_approved"]');
  await expect(told).toContainText("The account's verification was approved");
  await told.getByRole("link", { name: "See the verification" }).click();
  await expect(page).toHaveURL(/\/billing\?tab=verification$/);
});

test("the owner rejects with a reason; the reason is shown and the Payer can correct and resubmit", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  await factory.db.accountVerification.create({
    data: { accountId: acct.id, status: "in_review", subjectType: "individual", legalName: "Ann Example", countryCode: "GB", address: "1 High Street, London", submittedAt: new Date() },
  });
  await factory.db.verificationDocument.create({
    data: { accountId: acct.id, fileName: "passport.pdf", mimeType: "application/pdf", sizeBytes: 5, sha256: "0".repeat(64), content: Buffer.from("%PDF-") },
  });
  const owner = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await owner.goto("/billing?tab=verification");
  await owner.getByRole("button", { name: "Reject with reason" }).click();
  const dialog = owner.getByRole("dialog", { name: "Reject the verification" });
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(dialog.locator('[data-field-error="reason"]')).toHaveText("Say why the verification is rejected");
  await dialog.getByLabel("Reason").fill("The passport scan is unreadable");
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(owner.locator('[data-toast="success"]').filter({ hasText: "Verification rejected" })).toBeVisible();
  await expect(owner.getByTestId("rejection-reason")).toHaveText("Reason: The passport scan is unreadable");
  await expect(owner.getByRole("button", { name: "Submit for review" })).toBeVisible();
  await owner.goto("/notifications");
  await expect(owner.locator('[data-notification="verification_rejected"]')).toContainText("rejected: The passport scan is unreadable");
});

test("PayerNoVerify (and Accountant) see the verification status and no verification control anywhere on Billing", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  for (const role of ["PayerNoVerify", "Accountant"]) {
    const sub = await factory.subuser({ accountId: acct.id, roles: [role] });
    const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: sub.name, password: sub.password })).newPage();
    for (const tab of ["transactions", "top-up", "receipts", "invoices", "settings", "verification"]) {
      const res = await page.goto(`/billing?tab=${tab}`);
      expect(res?.status(), `${role} ${tab}`).toBe(200);
      await expect(page.locator('[data-action="billing.verification"]'), `${role} ${tab}`).toHaveCount(0);
    }
    await expect(page.getByTestId("verification-status-only")).toContainText("Not verified");
    await expect(page.getByTestId("verification")).toHaveCount(0);
    // Nor through the document routes.
    expect((await page.request.get("/billing/verification/documents/1")).status()).toBe(403);
  }
});

// Threats: CSRF and memory exhaustion on the upload route, through the production server (its
// action gate and Next's proxy in front of the handler).
test("the upload route refuses a foreign Origin and an oversize body over HTTP", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const context = await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password });
  const post = (data: Buffer, origin: string) =>
    context.request.post("/billing/verification/documents?name=x.pdf", { data, headers: { origin, "content-type": "application/octet-stream" } });
  const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");
  const foreign = await post(pdf, "https://evil.example");
  expect(foreign.status()).toBe(403);
  const big = await post(Buffer.alloc(6 * 1024 * 1024, 0x25), BASE_URL);
  expect(big.status()).toBe(413);
  expect(await big.json()).toEqual({ ok: false, fieldErrors: { file: "The file is larger than 5 MB" } });
  expect(await factory.db.verificationDocument.count({ where: { accountId: acct.id } })).toBe(0);
  const ok = await post(pdf, BASE_URL);
  expect(ok.status()).toBe(201);
  expect(await factory.db.verificationDocument.count({ where: { accountId: acct.id } })).toBe(1);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`every Billing tab passes axe (owner, ${colorScheme})`, async ({ browser, factory }) => {
    test.setTimeout(300_000);
    const acct = await factory.account();
    await factory.db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 10_00, kind: "topup", memo: "Top-up" } });
    const context = await browser.newContext({ baseURL: BASE_URL, colorScheme });
    await apiLogin(context.request, { kind: "owner", login: acct.name, password: acct.password });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    for (const tab of ["transactions", "top-up", "receipts", "invoices", "settings", "verification"]) {
      await page.goto(`/billing?tab=${tab}`);
      const serious = await seriousViolations(page, colorScheme === "dark" ? COLOUR_RULES : undefined);
      if (serious.length) found[tab] = serious;
    }
    await context.close();
    expect(found).toEqual({});
  });
}
