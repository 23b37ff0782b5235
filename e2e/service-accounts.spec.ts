// Service accounts (issue 8, item 2): the private key is never lost by accident. The dialog that
// shows it closes only through its own buttons and asks before closing without the download;
// the list shows when each key was last used.
import { readFileSync } from "node:fs";
import { importPKCS8, SignJWT } from "jose";
import { test, expect } from "./fixtures";
import { e2eDatabaseUrl, storageStatePath, BASE_URL } from "./fixtures/env";
import { OWNER } from "./fixtures/matrix";

test("the new key's dialog cannot be dismissed by a click outside or Escape, and asks before closing without the download", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/settings/service-accounts");
  await page.getByRole("button", { name: "Create service account" }).click();
  const create = page.getByRole("dialog", { name: "Create service account" });
  await create.getByLabel("Name").fill("ci-bot");
  await create.locator('input[name="roles"][value="Developer"]').check();
  await create.getByRole("button", { name: "Create" }).click();

  const secret = page.getByRole("dialog", { name: "Save the credentials" });
  await expect(secret).toBeVisible();
  const keyId = await secret.locator("[data-new-key-id]").getAttribute("data-new-key-id");
  expect(keyId).toBeTruthy();
  // A click on the overlay, outside the dialog, and Escape change nothing.
  await page.mouse.click(5, 5);
  await expect(secret).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(secret).toBeVisible();
  await expect(secret.getByRole("button", { name: "Close", exact: true })).toBeVisible();
  await expect(secret.getByRole("button", { name: /^Close$/ })).toHaveCount(1);

  // Closing before the download asks; "Go back" keeps the key on screen.
  await secret.getByRole("button", { name: "Close", exact: true }).click();
  await expect(secret.getByText("Close without the private key?")).toBeVisible();
  await secret.getByRole("button", { name: "Go back" }).click();
  await expect(secret.locator(`[data-new-key-id="${keyId}"]`)).toBeVisible();

  // Downloading turns Close into Done, which closes at once; the list shows the key, never used.
  const download = page.waitForEvent("download");
  await secret.getByRole("button", { name: "Download credentials.json" }).click();
  expect((await download).suggestedFilename()).toBe("credentials.json");
  await secret.getByRole("button", { name: "Done" }).click();
  await expect(secret).toBeHidden();
  const row = page.getByRole("row").filter({ has: page.locator(`[data-key-id="${keyId}"]`) });
  await expect(row).toBeVisible();
  await expect(row.locator("[data-last-used]")).toHaveAttribute("data-last-used", "never");
  await expect(row).toContainText("Never");
});

test("a key's last use shows in the list after it calls the API", async ({ browser, request }) => {
  // The run's demo credentials (playwright.config.ts puts them beside the database).
  const file = e2eDatabaseUrl().slice("file:".length).replace(/\.db$/, "") + "-demo-credentials.json";
  const creds = JSON.parse(readFileSync(file, "utf8")) as { account_id: number; key_id: string; private_key: string };
  const key = await importPKCS8(creds.private_key, "RS256");
  const iat = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ iss: String(creds.account_id), iat, exp: iat + 60 }).setProtectedHeader({ alg: "RS256", kid: creds.key_id }).sign(key);
  const res = await request.post("/platform_api/GetAccountInfo", { headers: { authorization: `Bearer ${token}` } });
  expect((await res.json()).error).toBeUndefined();

  const context = await browser.newContext({ baseURL: BASE_URL, storageState: storageStatePath(OWNER) });
  const page = await context.newPage();
  await page.goto("/settings/service-accounts");
  const row = page.getByRole("row").filter({ has: page.locator(`[data-key-id="${creds.key_id}"]`) });
  await expect(row.locator("[data-last-used]")).not.toHaveAttribute("data-last-used", "never");
  await expect(row).toContainText(/just now|minute/);
  await context.close();
});
