// The issue 9 journey in one go, as a new account owner lives it: top up with the test card, buy
// a number with that money, turn its SMS on, attach it to an application, send an SMS from it and
// see it delivered; the balance tells the whole story. Each step's own details (every card, bulk
// actions, filters, exports) are in billing.spec.ts, numbers.spec.ts and sms.spec.ts. Buys from
// San Francisco (region 3), which no other spec buys from, so parallel runs never race for it.
import { test, expect, type E2eFixtures } from "./fixtures";

const balanceOf = async (factory: E2eFixtures["factory"], accountId: number) =>
  (await factory.db.ledgerEntry.aggregate({ where: { accountId }, _sum: { amountMinor: true } }))._sum.amountMinor ?? 0;

test("a new owner tops up, buys a number, turns SMS on, attaches it, sends an SMS and sees it delivered", async ({ browserLoggedIn, factory }) => {
  test.setTimeout(120_000);
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();

  // 1. Money: $0.00 until the top-up.
  await page.goto("/billing?tab=top-up");
  await expect(page.getByTestId("balance")).toHaveText("$0.00");
  const form = page.getByTestId("top-up-form");
  await form.getByLabel("Amount (USD)").fill("20");
  await form.getByLabel("Card number").fill("4242 4242 4242 4242");
  await form.getByLabel("Expiry (MM/YY)").fill("12/99");
  await form.getByLabel("CVC").fill("123");
  await form.getByTestId("top-up-submit").click();
  await expect(page.locator('[data-toast="success"]')).toContainText("Payment of $20.00 succeeded");
  await expect(page.getByTestId("balance")).toHaveText("$20.00");

  // 2. A number, bought with that money at the price the confirmation states (setup $1.00 and the
  //    first month's $1.00, one ledger entry).
  await page.goto("/numbers/buy?country=US&region=3");
  const row = page.locator("tbody tr").first();
  await expect(row.locator("[data-number]")).toBeVisible();
  const number = (await row.locator("[data-number]").getAttribute("data-number"))!;
  await row.getByRole("checkbox").check();
  await page.locator('[data-action="numbers.purchase"]').click();
  const buy = page.getByTestId("buy-dialog");
  await expect(buy.getByTestId("buy-balance-after")).toHaveText("$18.00");
  await buy.getByRole("button", { name: /^Buy for / }).click();
  await expect(page).toHaveURL(/\/numbers$/);
  const mine = page.locator("tbody tr").filter({ has: page.locator(`[data-number="${number}"]`) });
  await expect(mine).toBeVisible();
  expect(await balanceOf(factory, acct.id)).toBe(18_00);

  // 3. Its SMS turned on in its settings.
  await mine.getByRole("link", { name: /: settings$/ }).click();
  const settings = page.getByTestId("number-settings");
  await settings.getByLabel("SMS enabled").check();
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("[data-toast]").filter({ hasText: "saved" })).toBeVisible();

  // 4. Attached to the application, and found on the application's Numbers tab.
  await page.goto("/numbers");
  await mine.locator('[data-action="numbers.attach"]').click();
  const attach = page.getByTestId("attach-dialog");
  await attach.getByLabel("Application").selectOption({ label: app.name });
  await attach.getByRole("button", { name: "Save" }).click();
  await expect(attach).toBeHidden();
  await expect(mine).toContainText(app.name);
  await page.goto(`/applications/${app.id}/numbers`);
  await expect(page.locator(`[data-number="${number}"]`)).toBeVisible();

  // 5. An SMS from it (to a test destination the simulator always delivers), followed to "delivered".
  await page.goto("/sms/two-way");
  await page.getByLabel("To", { exact: true }).fill("+447700902222");
  await page.getByLabel("Message", { exact: true }).fill("Hello from my new number");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator('[data-toast="success"]')).toContainText("SMS sent to +447700902222");
  const sent = page.locator('[data-testid="recent-messages"] li[data-sms-direction="out"]').first();
  await expect(sent).toContainText("Hello from my new number");
  await expect(sent.locator("[data-sms-status]")).toHaveAttribute("data-sms-status", "delivered", { timeout: 30_000 });

  // The ledger: the top-up, the purchase and the SMS segment, nothing else.
  const sms = await factory.db.smsMessage.findFirstOrThrow({ where: { accountId: acct.id, direction: "out" } });
  expect(sms.source).toBe(number);
  expect(await balanceOf(factory, acct.id)).toBe(18_00 - sms.costMinor);
  expect((await factory.db.ledgerEntry.findMany({ where: { accountId: acct.id }, orderBy: { id: "asc" } })).map((e) => e.kind)).toEqual([
    "topup",
    "number_purchase",
    "sms",
  ]);
});
