// SMS as the account owner uses it (issue 9): a two-way message from an SMS-enabled number,
// counted as it is typed (GSM-7, then UCS-2 once an emoji appears), priced, sent, and seen to
// reach "delivered" as the delivery simulator's clock passes (the page refreshes by itself); its
// history filtered and exported; its text "hidden" once the account is a ProvisioningAgent child.
// A one-way batch to three destinations with its confirmation, progress and per-destination
// results. Each test makes its own account, number and balance.
import { readFileSync } from "node:fs";
import { seriousViolations } from "./fixtures/axe";
import type { Page } from "@playwright/test";
import { test, expect, type E2eFixtures } from "./fixtures";
import type { E2eClient } from "./fixtures/db";
import { formatMoney } from "@/lib/domains/billing/money";

// The catalogue's per-segment prices, read from its data file (Node's loader here will not import
// JSON without an attribute, so the spec does not import the catalogue module).
const CATALOGUE = JSON.parse(readFileSync("lib/domains/phone-numbers/catalogue.json", "utf8")) as {
  countries: { code: string; dialCode: string; prices: { smsOutboundPerSegmentMinor: number } }[];
};
const perSegment = (code: string) => CATALOGUE.countries.find((c) => c.code === code)!.prices.smsOutboundPerSegmentMinor;
const pricesForDestination = (e164: string) => ({ smsOutboundPerSegmentMinor: perSegment(e164.startsWith("+44") ? "GB" : "US") });

/** A new account with $10 and, unless `number: false`, one of the catalogue's US numbers with SMS on. */
async function smsOwner({ browserLoggedIn, factory }: Pick<E2eFixtures, "browserLoggedIn" | "factory">, opts: { number?: boolean } = {}) {
  const acct = await factory.account();
  await factory.db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 10_00, kind: "topup", memo: "e2e top-up" } });
  const line = opts.number === false ? null : await claimSmsNumber(factory.db, acct.id);
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  return { acct, line, page };
}

/** Takes an available SMS-capable US number for the account (another worker may race for the same one). */
async function claimSmsNumber(db: E2eClient, accountId: number): Promise<{ id: number; number: string }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const n = await db.phoneNumber.findFirst({ where: { status: "available", smsSupported: true, countryCode: "US" }, skip: Math.floor(Math.random() * 50), select: { id: true, number: true } });
    if (!n) continue;
    const taken = await db.phoneNumber.updateMany({
      where: { id: n.id, status: "available" },
      data: { status: "active", accountId, purchasedAt: new Date(), nextRenewalAt: new Date(Date.now() + 30 * 86_400_000), smsEnabled: true, label: "E2E line" },
    });
    if (taken.count === 1) return n;
  }
  throw new Error("no SMS-capable number available");
}

const counter = (page: Page) => page.locator("[data-sms-counter]");

test("the owner sends a two-way SMS, counted and priced as typed, and sees it delivered; its history filters, exports and hides text from a ProvisioningAgent child", async ({ browserLoggedIn, factory }) => {
  const { acct, line, page } = await smsOwner({ browserLoggedIn, factory });
  const to = "+447700902222"; // ...2222: the simulator always delivers
  await page.goto("/sms/two-way");
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(String(line!.id));
  await page.getByLabel("To", { exact: true }).fill(to);
  const message = page.getByLabel("Message", { exact: true });
  await message.fill("Hello from the e2e suite");
  await expect(counter(page)).toHaveAttribute("data-sms-encoding", "GSM7");
  await expect(counter(page)).toContainText("GSM-7");
  await expect(counter(page)).toContainText("24/160 characters in this segment, 136 left");
  const per = pricesForDestination(to).smsOutboundPerSegmentMinor;
  await expect(page.locator("[data-sms-price]")).toContainText(`1 segment × ${formatMoney(per)} (United Kingdom) = ${formatMoney(per)}`);

  // One emoji and the whole message goes as UCS-2: 70 code units a segment.
  await message.pressSequentially(" 😀");
  await expect(counter(page)).toHaveAttribute("data-sms-encoding", "UCS2");
  await expect(counter(page)).toContainText("UCS-2");
  await expect(counter(page)).toContainText("27/70 characters in this segment, 43 left");
  await message.fill(`${"ж".repeat(70)}😀`);
  await expect(counter(page)).toHaveAttribute("data-sms-segments", "2");
  await expect(page.locator("[data-sms-price]")).toContainText(`2 segments × ${formatMoney(per)} (United Kingdom) = ${formatMoney(2 * per)}`);
  await message.fill("Hello from the e2e suite 😀");

  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator('[data-toast="success"]')).toContainText(`SMS sent to ${to}: 1 segment, ${formatMoney(per)}`);
  await expect(message).toHaveValue("");
  const sent = page.locator('[data-testid="recent-messages"] li[data-sms-direction="out"]').first();
  await expect(sent).toContainText(to);
  await expect(sent).toContainText("Hello from the e2e suite 😀");
  // Queued, sent, delivered: the simulator's course takes a few seconds and the page follows it.
  await expect(sent.locator("[data-sms-status]")).toHaveAttribute("data-sms-status", "delivered", { timeout: 20_000 });
  await expect(sent.getByRole("list", { name: "Status: Delivered" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const row = await factory.db.smsMessage.findFirstOrThrow({ where: { accountId: acct.id, direction: "out" } });
  expect(row).toMatchObject({ source: line!.number, destination: to, encoding: "UCS2", segments: 1, costMinor: per });
  expect(await factory.db.ledgerEntry.count({ where: { accountId: acct.id, kind: "sms" } })).toBe(1);

  // The history: filtered in the URL, exported as exactly the filtered rows.
  await page.goto("/sms/two-way/history");
  await page.getByLabel("Direction", { exact: true }).selectOption("out");
  await page.getByLabel("Status", { exact: true }).selectOption("delivered");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/direction=out/);
  await expect(page).toHaveURL(/status=delivered/);
  const table = page.getByRole("table");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table).toContainText("Hello from the e2e suite 😀");
  const download = page.waitForEvent("download");
  await page.getByTestId("history-export").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^sms-two-way-${acct.name}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = readFileSync(await file.path(), "utf8");
  expect(csv.split("\r\n")[0]).toBe("message_id,time_utc,direction,from,to,status,status_time_utc,encoding,segments,cost,currency,error,text");
  expect(csv).toContain(`,out,${line!.number},${to},delivered,`);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel("Status", { exact: true }).selectOption("failed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(table).toContainText("No message matches these filters.");
  // Clear brings the row back and empties the form, so the next Apply does not bring them back.
  await page.getByTestId("history-filters").getByRole("link", { name: "Clear" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Direction", { exact: true })).toHaveValue("");

  // A ProvisioningAgent child account sees the record, never the text (seed 004).
  await factory.db.account.update({ where: { id: acct.id }, data: { childRole: "ProvisioningAgent" } });
  await page.goto("/sms/two-way/history");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table).not.toContainText("Hello from the e2e suite");
  await expect(table.locator("[data-sms-text-hidden]")).toHaveText("hidden: this account's role does not allow reading SMS text");
  const hidden = await (await page.request.get("/sms/two-way/history/export")).text();
  expect(hidden.split("\r\n")[0]).not.toContain("text");
  expect(hidden).not.toContain("Hello from the e2e suite");
});

test("without a number that can send SMS, the two-way page says how to turn SMS on and links to Numbers", async ({ browserLoggedIn, factory }) => {
  const { page } = await smsOwner({ browserLoggedIn, factory }, { number: false });
  await page.goto("/sms/two-way");
  const empty = page.locator("[data-empty-state]");
  await expect(empty).toContainText("No number can send SMS yet");
  await expect(empty).toContainText("turn SMS on");
  await expect(empty.getByRole("link", { name: /Go to/ })).toHaveAttribute("href", "/numbers");
  await expect(page.getByLabel("Message", { exact: true })).toHaveCount(0);
});

test("a one-way batch to three destinations: bad lines named, the total confirmed, progress and each destination's result", async ({ browserLoggedIn, factory }) => {
  const { acct, page } = await smsOwner({ browserLoggedIn, factory }, { number: false });
  const dests = ["+14155552222", "+447700902222", "+14155550000"]; // ...0000 always fails
  const total = dests.reduce((s, d) => s + pricesForDestination(d).smsOutboundPerSegmentMinor, 0);
  await page.goto("/sms/one-way");
  await page.getByLabel("Sender ID", { exact: true }).fill("Acme");
  const list = page.getByLabel("Destinations", { exact: true });
  await list.fill(`${dests[0]}\nnot a number\n${dests[1]}, 12345`);
  await expect(page.locator("[data-destinations-hint]")).toContainText("2 destinations; 2 entries are not phone numbers: “not a number” (line 2), “12345” (line 3)");
  await page.getByLabel("Message", { exact: true }).fill("Flash sale today");
  await page.getByRole("button", { name: "Review and send" }).click();
  await expect(page.locator('[data-field-error="destinations"]')).toHaveText(
    "Not phone numbers in international format (+ country code and number): line 2 “not a number”, line 3 “12345”",
  );
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await list.fill(`${dests[0]}, ${dests[1]}\n${dests[2]}\n${dests[0]}`);
  await expect(page.locator("[data-destinations-hint]")).toHaveText("3 destinations (1 repeat sent once)");
  await expect(page.locator("[data-a2p-estimate]")).toContainText(`3 destinations × 1 segment = ${formatMoney(total)}`);
  await page.getByRole("button", { name: "Review and send" }).click();
  const confirm = page.getByRole("dialog", { name: `Send 3 SMS for ${formatMoney(total)}?` });
  await expect(confirm.locator("[data-a2p-total]")).toHaveText(formatMoney(total));
  expect(await factory.db.smsBatch.count({ where: { accountId: acct.id } })).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await confirm.getByRole("button", { name: `Send for ${formatMoney(total)}` }).click();
  await expect(confirm).toBeHidden();
  const batch = await factory.db.smsBatch.findFirstOrThrow({ where: { accountId: acct.id } });
  await expect(page.locator('[data-toast="success"]')).toContainText(`Batch #${batch.id} sent to 3 destinations, ${formatMoney(total)} charged`);

  // The batches list shows it and its progress moves on by itself to 2 delivered, 1 failed.
  const progress = page.getByRole("table", { name: "One-way SMS batches" }).locator("[data-batch-progress]").first();
  await expect(progress).toHaveAttribute("data-total", "3");
  await expect(progress).toHaveAttribute("data-pending", "0", { timeout: 20_000 });
  await expect(progress).toHaveAttribute("data-delivered", "2");
  await expect(progress).toHaveAttribute("data-failed", "1");
  await expect(page.getByRole("progressbar", { name: `Progress of batch #${batch.id}` })).toHaveAttribute("aria-valuetext", "2 delivered, 1 failed, 0 pending of 3");

  // The batch's page: each destination's result.
  await page.getByRole("link", { name: `#${batch.id}`, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Batch #${batch.id}` })).toBeVisible();
  const rows = page.getByRole("table", { name: "Destinations of the batch" }).locator("tbody tr");
  await expect(rows).toHaveCount(3);
  const statusOf = (d: string) => rows.filter({ hasText: d }).locator("[data-sms-status]");
  await expect(statusOf(dests[0]!)).toHaveAttribute("data-sms-status", "delivered");
  await expect(statusOf(dests[1]!)).toHaveAttribute("data-sms-status", "delivered");
  await expect(statusOf(dests[2]!)).toHaveAttribute("data-sms-status", "failed");
  await expect(rows.filter({ hasText: dests[2]! })).toContainText("Undeliverable");
  await expect(page.getByText("Flash sale today")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await factory.db.ledgerEntry.findFirstOrThrow({ where: { accountId: acct.id, kind: "sms" } })).toMatchObject({ amountMinor: -total });

  // Another account's batch is missing, not forbidden.
  const other = await factory.account();
  const theirs = await factory.db.smsBatch.create({ data: { accountId: other.id, sender: "Theirs", total: 0 } });
  expect((await page.goto(`/sms/one-way/batches/${theirs.id}`))?.status()).toBe(404);
  expect((await page.goto("/sms/one-way/batches/abc"))?.status()).toBe(404);
});
