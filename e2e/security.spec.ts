// The Security page's Management API address lists as the account owner uses them: the first
// allow-list entry warns what it does, a bad network is named under its field, the check says
// what the lists decide, and a real Management API call from this machine (127.0.0.1) is refused
// once the allow list leaves it out and let through again once it is added. One account.
import type { Page } from "@playwright/test";
import { seriousViolations } from "./fixtures/axe";
import { test, expect } from "./fixtures";

const toast = (page: Page) => page.locator('[data-toast="success"]').first();

async function addAddress(page: Page, network: string, list: "allow" | "block", description = "") {
  await page.getByRole("button", { name: "Add address" }).click();
  const dialog = page.getByRole("dialog", { name: "Add an address" });
  await dialog.getByLabel("Address or network").fill(network);
  await dialog.getByLabel("List").selectOption(list);
  if (description) await dialog.getByLabel("Description").fill(description);
  await dialog.getByRole("button", { name: "Add address" }).click();
  return dialog;
}

test("the owner restricts the Management API to listed addresses, checks one, and opens it again", async ({ browserLoggedIn, factory, playwright }) => {
  const acct = await factory.account();
  const key = await factory.apiKey(acct.id, ["Owner"]);
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const callApi = async () => (await (await api.post("/platform_api/GetAccountInfo", { headers: { authorization: `Bearer ${await key.token()}` } })).json()) as { error?: { code: number; msg: string } };
  expect((await callApi()).error).toBeUndefined();

  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/settings/security");
  await expect(page.locator("[data-empty-state]")).toContainText("Any address may call the Management API");
  await expect(page.locator("[data-your-address]")).toContainText("the lists let it call");

  // A bad network stays in the dialog, named under its field; nothing is stored.
  await page.getByRole("button", { name: "Add address" }).click();
  const dialog = page.getByRole("dialog", { name: "Add an address" });
  await expect(dialog.locator("[data-allow-list-warning]")).toBeVisible();
  await dialog.getByLabel("Address or network").fill("192.0.2.0/33");
  await dialog.getByRole("button", { name: "Add address" }).click();
  await expect(dialog.locator('[data-field-error="network"]')).toContainText("is neither");
  expect(await factory.db.authorizedIp.count({ where: { accountId: acct.id } })).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByLabel("Address or network").fill("192.0.2.7/24");
  await dialog.getByLabel("Description").fill("Office");
  await dialog.getByRole("button", { name: "Add address" }).click();
  await expect(toast(page)).toContainText("192.0.2.0/24 added to the allow list");
  const table = page.getByRole("table", { name: "Management API addresses" });
  await expect(table.locator("tbody tr").filter({ hasText: "192.0.2.0/24" })).toContainText("Allowed");
  await expect(page.locator("[data-your-address]")).toContainText("would be refused");

  // This machine is on no allowed network now: the API says so, after the signature.
  expect((await callApi()).error).toEqual({
    code: 100,
    msg: expect.stringMatching(/^Authorization failed: the address .+ may not call the Management API for this account/),
  });

  const check = page.getByRole("form", { name: "Check an address" });
  await check.getByLabel("Check an address").fill("192.0.2.200");
  await check.getByRole("button", { name: "Check" }).click();
  await expect(check.locator("[data-check-result]")).toHaveText("192.0.2.200 may call the Management API (allowed by 192.0.2.0/24).");

  // Allowing 127.0.0.1 lets this machine in again; blocking a network shows it as Blocked.
  await addAddress(page, "127.0.0.1", "allow", "This machine");
  await expect(toast(page)).toContainText("127.0.0.1 added to the allow list");
  expect((await callApi()).error).toBeUndefined();
  await addAddress(page, "203.0.113.0/24", "block");
  await expect(table.locator("tbody tr").filter({ hasText: "203.0.113.0/24" })).toContainText("Blocked");
  expect(await seriousViolations(page)).toEqual([]);

  // Removing the allow list's entries opens the API to any address not blocked.
  for (const network of ["192.0.2.0/24", "127.0.0.1"]) {
    await page.getByRole("button", { name: `Actions for ${network} (allowed)`, exact: true }).click();
    await page.getByRole("menuitem", { name: "Remove", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await expect(table.locator("tbody tr").filter({ hasText: network })).toHaveCount(0);
  }
  expect((await callApi()).error).toBeUndefined();
  const actions = (await factory.db.auditLog.findMany({ where: { accountId: acct.id, action: { startsWith: "authorized_ip." } }, orderBy: { id: "asc" } })).map((r) => r.action);
  expect(actions).toEqual(["authorized_ip.add", "authorized_ip.add", "authorized_ip.add", "authorized_ip.delete", "authorized_ip.delete"]);
  await api.dispose();
});
