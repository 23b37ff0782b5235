// Phone numbers as people use them (issue 9): a PhoneNumberManager reserves a number and buys it
// from Reserved; the owner buys two numbers (the balance drops by the total the confirmation
// stated), attaches one to an application from My numbers and finds it on the application's
// Numbers tab, and deactivates the other; an Accountant attaches from My numbers (the seed
// grants it "Attaching numbers to application") yet gets a 403 on the Numbers tab; a Supervisor
// sees the list without any attach, deactivate or bulk control. Each test makes its own account
// and buys from its own catalogue region, so tests run in parallel without sharing numbers.
import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, type E2eFixtures } from "./fixtures";
import { E2E_PASSWORD } from "./fixtures/db";
import { seriousViolations } from "./fixtures/axe";

type Factory = E2eFixtures["factory"];

async function topUp(factory: Factory, accountId: number, amountMinor: number) {
  await factory.db.ledgerEntry.create({ data: { accountId, amountMinor, kind: "topup", memo: "e2e top-up" } });
}

const balanceOf = async (factory: Factory, accountId: number) =>
  (await factory.db.ledgerEntry.aggregate({ where: { accountId }, _sum: { amountMinor: true } }))._sum.amountMinor ?? 0;

/** A number the account already holds (active, a US line with SMS), made for the test outside the catalogue. */
async function ownNumber(factory: Factory, accountId: number) {
  const number = `+1999${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
  return factory.db.phoneNumber.create({
    data: {
      number,
      countryCode: "US",
      regionId: 1,
      category: "GEOGRAPHIC",
      smsSupported: true,
      setupPriceMinor: 100,
      monthlyPriceMinor: 100,
      status: "active",
      accountId,
      purchasedAt: new Date(),
      nextRenewalAt: new Date(Date.now() + 30 * 86_400_000),
    },
  });
}

/** "$12.34" -> 1234. */
const minorOf = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, "")) * 100);

const rowOf = (page: Page, e164: string) => page.locator("tbody tr").filter({ has: page.locator(`[data-number="${e164}"]`) });

/** Checks `n` rows of the buy page's results, at a random offset (less contention with other runs), and returns their E.164 numbers. */
async function pickAvailable(page: Page, n: number): Promise<string[]> {
  const rows = page.locator("tbody tr");
  await expect(rows.first().locator("[data-number]")).toBeVisible();
  const start = randomInt(0, Math.max(1, (await rows.count()) - n));
  const picked: string[] = [];
  for (let i = start; i < start + n; i++) {
    const row = rows.nth(i);
    picked.push((await row.locator("[data-number]").getAttribute("data-number"))!);
    await row.getByRole("checkbox").check();
  }
  return picked;
}

test("a PhoneNumberManager reserves a number for 7 days, then buys it from Reserved numbers", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  await topUp(factory, acct.id, 20_00);
  const sub = await factory.subuser({ accountId: acct.id, roles: ["PhoneNumberManager"] });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: sub.name, password: E2E_PASSWORD })).newPage();

  // Canada, Vancouver (region 7): $1.00 setup, $1.00 a month.
  await page.goto("/numbers/buy?country=CA&region=7");
  const [number] = await pickAvailable(page, 1);
  await page.getByRole("button", { name: /^Reserve for 7 days/ }).click();
  const reserve = page.getByRole("dialog", { name: "Reserve 1 number for 7 days?" });
  await expect(reserve).toContainText("Nothing is charged now");
  await reserve.getByRole("button", { name: "Reserve for 7 days" }).click();
  await expect(page).toHaveURL(/\/numbers\/reserved$/);
  await expect(page.locator("[data-toast]")).toContainText("Reserved 1 number for 7 days");
  const reserved = await factory.db.phoneNumber.findUniqueOrThrow({ where: { number: number! } });
  expect(reserved).toMatchObject({ status: "reserved", accountId: acct.id });
  expect(await balanceOf(factory, acct.id)).toBe(20_00);

  const row = rowOf(page, number!);
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /^Buy / }).click();
  const buy = page.getByTestId("buy-dialog");
  await expect(buy.getByTestId("buy-total")).toHaveText("$2.00");
  // No Billing section: the total, never the balance.
  await expect(buy.getByTestId("buy-balance-after")).toHaveCount(0);
  await buy.getByRole("button", { name: "Buy for $2.00" }).click();
  await expect(page).toHaveURL(/\/numbers$/);
  await expect(page.locator("[data-toast]").filter({ hasText: "Bought 1 number for $2.00" })).toBeVisible();
  await expect(rowOf(page, number!)).toBeVisible();
  expect(await factory.db.phoneNumber.findUniqueOrThrow({ where: { number: number! } })).toMatchObject({ status: "active", accountId: acct.id });
  expect(await balanceOf(factory, acct.id)).toBe(18_00);
});

test("the owner buys two numbers for the stated total, attaches one to an application and sees it on its Numbers tab, and deactivates the other", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  await topUp(factory, acct.id, 50_00);
  const app = await factory.application(acct.id);
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();

  // United States, Austin (region 4).
  await page.goto("/numbers/buy?country=US&region=4");
  const [first, second] = await pickAvailable(page, 2);
  await expect(page.getByTestId("selection-count")).toContainText("2 selected");
  await page.locator('[data-action="numbers.purchase"]').click();
  const buy = page.getByTestId("buy-dialog");
  const stated = minorOf((await buy.getByTestId("buy-total").textContent())!);
  expect(stated).toBe(4_00);
  await expect(buy.getByTestId("buy-balance-after")).toHaveText("$46.00");
  await buy.getByRole("button", { name: /^Buy for / }).click();
  await expect(page).toHaveURL(/\/numbers$/);
  expect(await balanceOf(factory, acct.id)).toBe(50_00 - stated);
  await expect(rowOf(page, first!)).toBeVisible();
  await expect(rowOf(page, second!)).toBeVisible();

  // Attach the first to the application from its row.
  await rowOf(page, first!).locator('[data-action="numbers.attach"]').click();
  const attach = page.getByTestId("attach-dialog");
  await attach.getByLabel("Application").selectOption({ label: app.name });
  await attach.getByRole("button", { name: "Save" }).click();
  await expect(attach).toBeHidden();
  await expect(rowOf(page, first!)).toContainText(app.name);
  await expect(page.locator("[data-toast]").filter({ hasText: `attached to ${app.name}` })).toBeVisible();
  expect((await factory.db.phoneNumber.findUniqueOrThrow({ where: { number: first! } })).applicationId).toBe(app.id);

  await page.goto(`/applications/${app.id}/numbers`);
  await expect(rowOf(page, first!)).toBeVisible();
  await expect(rowOf(page, second!)).toHaveCount(0);

  // Deactivate the second, through a confirmation that names it and says what happens.
  await page.goto("/numbers");
  await rowOf(page, second!).locator('[data-action="numbers.deactivate"]').click();
  const confirm = page.getByRole("dialog", { name: /^Deactivate \+1 / });
  await expect(confirm).toContainText("rent stops");
  await expect(confirm).toContainText("back to the catalogue");
  await confirm.getByRole("button", { name: "Deactivate number" }).click();
  await expect(confirm).toBeHidden();
  await expect(rowOf(page, second!)).toHaveCount(0);
  expect(await factory.db.phoneNumber.findUniqueOrThrow({ where: { number: second! } })).toMatchObject({ status: "available", accountId: null });
  expect(await balanceOf(factory, acct.id)).toBe(50_00 - stated);
});

test("an Accountant attaches a number from My numbers, yet gets a 403 on the application's Numbers tab", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const n = await ownNumber(factory, acct.id);
  const sub = await factory.subuser({ accountId: acct.id, roles: ["Accountant"] });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: sub.name, password: E2E_PASSWORD })).newPage();

  await page.goto("/numbers");
  const row = rowOf(page, n.number);
  await expect(row).toContainText("Not attached");
  // Accountant holds numbers.attach but neither deactivation nor the bulk actions.
  await expect(page.locator('[data-action="numbers.deactivate"], [data-action="numbers.all_actions"]')).toHaveCount(0);
  await row.locator('[data-action="numbers.attach"]').click();
  const attach = page.getByTestId("attach-dialog");
  await attach.getByLabel("Application").selectOption({ label: app.name });
  await attach.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText(app.name);
  expect((await factory.db.phoneNumber.findUniqueOrThrow({ where: { id: n.id } })).applicationId).toBe(app.id);

  const res = await page.goto(`/applications/${app.id}/numbers`);
  expect(res?.status()).toBe(403);
  await expect(page.locator("main")).not.toContainText(n.number);
});

test("a Supervisor sees My numbers without attach, deactivate or bulk controls", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const n = await ownNumber(factory, acct.id);
  const sub = await factory.subuser({ accountId: acct.id, roles: ["Supervisor"] });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: sub.name, password: E2E_PASSWORD })).newPage();
  const res = await page.goto("/numbers");
  expect(res?.status()).toBe(200);
  await expect(rowOf(page, n.number)).toBeVisible();
  await expect(page.locator("main [data-action]")).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Bulk actions" })).toHaveCount(0);
  await expect(page.locator("tbody").getByRole("checkbox")).toHaveCount(0);
  // No numbers.parameters either: the number is text, not a link to its settings.
  await expect(rowOf(page, n.number).getByRole("link")).toHaveCount(0);
});

test("bulk actions: the owner selects two numbers, enables SMS on both in one confirmation, and filters the list by SMS", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const [a, b, c] = [await ownNumber(factory, acct.id), await ownNumber(factory, acct.id), await ownNumber(factory, acct.id)];
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/numbers");
  for (const n of [a, b]) await rowOf(page, n.number).getByRole("checkbox").check();
  await expect(page.getByTestId("selection-count")).toHaveText("2 selected");
  await page.getByRole("group", { name: "Bulk actions" }).getByRole("button", { name: "Enable SMS" }).click();
  const confirm = page.getByRole("dialog", { name: "Enable SMS on 2 numbers?" });
  await expect(confirm).toContainText("must support SMS");
  await confirm.getByRole("button", { name: "Enable SMS" }).click();
  await expect(page.locator("[data-toast]").filter({ hasText: "SMS enabled on 2 numbers" })).toBeVisible();
  const rows = await factory.db.phoneNumber.findMany({ where: { accountId: acct.id }, orderBy: { id: "asc" }, select: { id: true, smsEnabled: true } });
  expect(rows).toEqual([
    { id: a.id, smsEnabled: true },
    { id: b.id, smsEnabled: true },
    { id: c.id, smsEnabled: false },
  ]);

  await page.getByLabel("SMS", { exact: true }).selectOption("on");
  await expect(page).toHaveURL(/sms=on/);
  await expect(rowOf(page, c.number)).toHaveCount(0);
  await expect(rowOf(page, a.number)).toBeVisible();
  // The export takes the same filter.
  const csv = await (await page.request.get("/numbers/export?sms=on")).text();
  expect(csv).toContain(a.number);
  expect(csv).not.toContain(c.number);
});

test("Blocked numbers: the owner restores a number blocked for its rent (the balance drops by the month's rent) and keeps the PSTN blacklist", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  await topUp(factory, acct.id, 10_00);
  const n = await ownNumber(factory, acct.id);
  await factory.db.phoneNumber.update({ where: { id: n.id }, data: { status: "blocked", blockedReason: "unpaid", blockedAt: new Date(), releaseAt: new Date(Date.now() + 7 * 86_400_000) } });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();

  await page.goto("/numbers/blocked");
  const row = rowOf(page, n.number);
  await expect(row).toContainText("Unpaid rent");
  await row.getByRole("button", { name: /^Restore / }).click();
  const restore = page.getByRole("dialog", { name: /^Restore \+1 / });
  await expect(restore).toContainText("$1.00");
  await expect(restore).toContainText("after $9.00");
  await restore.getByRole("button", { name: "Pay $1.00 and restore" }).click();
  await expect(page.locator("[data-toast]").filter({ hasText: "restored" })).toBeVisible();
  await expect(page.getByText("No number is blocked")).toBeVisible();
  expect(await factory.db.phoneNumber.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({ status: "active", blockedReason: null });
  expect(await balanceOf(factory, acct.id)).toBe(9_00);

  await page.getByRole("link", { name: "PSTN blacklist" }).click();
  await expect(page).toHaveURL(/tab=blacklist/);
  await page.getByRole("button", { name: "Add to blacklist" }).click();
  const add = page.getByRole("dialog", { name: "Add to the blacklist" });
  await add.getByLabel("Number or prefix").fill("not a number");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(add.locator('[data-field-error="phone"]')).toContainText("international format");
  await add.getByLabel("Number or prefix").fill("+1 900");
  await add.getByLabel(/a prefix/).check();
  await add.getByLabel("Reason").fill("premium-rate scams");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(add).toBeHidden();
  await expect(page.locator("tbody")).toContainText("+1900");
  await expect(page.locator("tbody")).toContainText("Prefix");
  const entry = await factory.db.pstnBlacklistEntry.findFirstOrThrow({ where: { accountId: acct.id } });
  expect(entry).toMatchObject({ phone: "+1900", isPrefix: true, reason: "premium-rate scams" });

  await page.getByRole("button", { name: "Actions for +1900" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit +1900" });
  await edit.getByLabel("Reason").fill("scams");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("tbody")).toContainText("scams");
  await page.getByRole("button", { name: "Actions for +1900" }).click();
  await page.getByRole("menuitem", { name: "Remove" }).click();
  await page.getByRole("dialog", { name: "Remove +1900 from the blacklist?" }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("The blacklist is empty")).toBeVisible();
  expect(await factory.db.pstnBlacklistEntry.count({ where: { accountId: acct.id } })).toBe(0);
});

test("a number's settings: label, auto-renew and SMS saved; another account's number is a 404", async ({ browserLoggedIn, factory }) => {
  const [acct, other] = [await factory.account(), await factory.account()];
  const [n, theirs] = [await ownNumber(factory, acct.id), await ownNumber(factory, other.id)];
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/numbers");
  await rowOf(page, n.number).getByRole("link", { name: /: settings$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/numbers/${n.id}/settings$`));
  const form = page.getByTestId("number-settings");
  await form.getByLabel("Label").fill("x".repeat(100) + "y");
  await form.getByLabel("Label").evaluate((el: HTMLInputElement) => el.removeAttribute("maxlength"));
  await form.getByLabel("Label").fill("x".repeat(101));
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.locator('[data-field-error="label"]')).toContainText("at most 100 characters");
  await form.getByLabel("Label").fill("Front desk");
  await form.getByLabel("Renew automatically").uncheck();
  await form.getByLabel("SMS enabled").check();
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("[data-toast]").filter({ hasText: "saved" })).toBeVisible();
  expect(await factory.db.phoneNumber.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({ label: "Front desk", autoRenew: false, smsEnabled: true });
  await expect(page.getByTestId("routing")).toContainText("Not attached to an application");

  const res = await page.goto(`/numbers/${theirs.id}/settings`);
  expect(res?.status()).toBe(404);
  await expect(page.locator("body")).not.toContainText(theirs.number);
});

test("no serious or critical axe violation on the numbers pages with real rows and an open dialog", async ({ browserLoggedIn, factory }) => {
  test.setTimeout(180_000);
  const acct = await factory.account();
  await topUp(factory, acct.id, 10_00);
  const app = await factory.application(acct.id);
  const [n, blocked] = [await ownNumber(factory, acct.id), await ownNumber(factory, acct.id)];
  await factory.db.phoneNumber.update({ where: { id: n.id }, data: { applicationId: app.id } });
  await factory.db.phoneNumber.update({ where: { id: blocked.id }, data: { status: "blocked", blockedReason: "unpaid", blockedAt: new Date(), releaseAt: new Date(Date.now() + 86_400_000) } });
  await factory.db.pstnBlacklistEntry.create({ data: { accountId: acct.id, phone: "+1900", isPrefix: true, reason: "scams" } });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  const serious = () => seriousViolations(page);
  const found: Record<string, string[]> = {};
  for (const url of ["/numbers", "/numbers/buy", `/numbers/${n.id}/settings`, "/numbers/blocked", "/numbers/blocked?tab=blacklist", `/applications/${app.id}/numbers`]) {
    expect((await page.goto(url))?.status(), url).toBe(200);
    const v = await serious();
    if (v.length) found[url] = v;
  }
  await page.goto("/numbers/buy?country=GB");
  await pickAvailable(page, 1);
  await page.locator('[data-action="numbers.purchase"]').click();
  await expect(page.getByTestId("buy-dialog")).toBeVisible();
  const v = await serious();
  if (v.length) found["buy dialog"] = v;
  expect(found).toEqual({});
});
