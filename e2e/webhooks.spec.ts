// Webhooks as the account owner sets one up: a private URL refused under its field, a receiver
// on loopback (the e2e server allows it, WEBHOOKS_ALLOW_PRIVATE) saved, a test event sent and
// received with a signature that checks out against the secret the page shows, the deliveries
// table showing it delivered; a failed delivery sent again; then the secret rotated and the
// webhook removed. One account.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { seriousViolations } from "./fixtures/axe";
import { test, expect } from "./fixtures";

test("the owner adds a webhook, sends a test event its server receives signed, rotates the secret and removes it", async ({ browserLoggedIn, factory }) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    const acct = await factory.account();
    const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
    await page.goto("/settings/webhooks");
    await expect(page.locator("[data-empty-state]")).toContainText("No deliveries yet");
    const form = page.getByTestId("webhook-form");
    await form.getByLabel("URL", { exact: true }).fill("ftp://example.com/hook");
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.locator('[data-field-error="url"]')).toContainText("must start with https://");
    expect(await factory.db.webhook.count({ where: { accountId: acct.id } })).toBe(0);

    await form.getByLabel("URL", { exact: true }).fill(url);
    await form.getByLabel("Account verification rejected").uncheck();
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.locator('[data-toast="success"]').first()).toContainText(`Webhook saved: 5 events go to ${url}`);
    const secret = await page.getByLabel("Signing secret", { exact: true }).inputValue();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Send test event" }).click();
    // The scheduler delivers it within about a second; the page refreshes while it is pending.
    const table = page.getByRole("table", { name: "Webhook deliveries" });
    await expect(table.locator("tbody tr").first()).toContainText("Delivered", { timeout: 15_000 });
    await expect(table.locator("tbody tr").first()).toContainText("Test event");
    await expect(table.locator("tbody tr").first()).toContainText("Answered 204");
    expect(received).toHaveLength(1);
    const [got] = received;
    const timestamp = String(got!.headers["x-switchboard-timestamp"]);
    expect(got!.headers["x-switchboard-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(`${timestamp}.${got!.body}`).digest("hex")}`);
    expect(JSON.parse(got!.body)).toMatchObject({ event: "test", account_id: acct.id });

    // A delivery that failed (as after its last retry) can be sent again from its row menu.
    const failed = await factory.db.webhookDelivery.create({
      data: { accountId: acct.id, event: "low_balance", payload: got!.body.replace('"test"', '"low_balance"'), status: "failed", attempts: 6, lastStatusCode: 500, lastError: "Answered 500" },
    });
    await page.reload();
    await page.getByRole("button", { name: `Actions for delivery ${failed.id}`, exact: true }).click();
    await page.getByRole("menuitem", { name: "Redeliver", exact: true }).click();
    await page.getByRole("dialog", { name: "Redeliver “Balance below the low-balance threshold”?" }).getByRole("button", { name: "Redeliver" }).click();
    await expect(table.locator("tbody tr")).toHaveCount(3);
    await expect(table.locator("tbody tr").filter({ hasText: "Delivered" })).toHaveCount(2, { timeout: 15_000 });
    expect(received.map((r) => r.headers["x-switchboard-event"])).toEqual(["test", "low_balance"]);

    // Settings > Notifications says where each event goes: this webhook, all but the unchecked one.
    await page.goto("/settings/notifications");
    await expect(page.locator("[data-webhook-state]")).toContainText(`The account's webhook receives 5 of these events at ${url}.`);
    await expect(page.locator('[data-notification-kind="push_certificate_expiring"]')).toContainText("Sent to the webhook.");
    await expect(page.locator('[data-notification-kind="verification_rejected"]')).toContainText("Not sent to the webhook.");
    await expect(page.locator('[data-notification-kind="caller_id_code"]')).toContainText("Not a webhook event.");
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/settings/webhooks");

    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("dialog", { name: "Rotate the signing secret?" }).getByRole("button", { name: "Rotate secret" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByLabel("Signing secret", { exact: true })).not.toHaveValue(secret);

    await page.getByRole("button", { name: "Remove webhook" }).click();
    await page.getByRole("dialog", { name: "Remove the webhook?" }).getByRole("button", { name: "Remove webhook" }).click();
    await expect(page.getByRole("button", { name: "Add webhook" })).toBeVisible();
    await expect(table.locator("tbody tr")).toHaveCount(3);
    expect(await factory.db.webhook.count({ where: { accountId: acct.id } })).toBe(0);
  } finally {
    await new Promise<void>((r) => receiver.close(() => r()));
  }
});
