// Help as its users meet it: the account owner opens a support ticket (an empty subject refused
// under its field), writes to it and closes it; the operators answer it with `npm run support`,
// and the answer shows on the ticket and in Notifications. A Support subuser sees the Support
// page's checks of the sections its role opens, and no ticket.
import { execFileSync } from "node:child_process";
import { seriousViolations } from "./fixtures/axe";
import { e2eDatabaseUrl, ROOT } from "./fixtures/env";
import { test, expect } from "./fixtures";

test("a ticket from the panel to the support team and back", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();

  await page.goto("/support");
  await expect(page.locator("[data-support-all-clear]")).toContainText("Nothing went wrong");
  await expect(page.locator("[data-support-tickets-summary]")).toHaveText("No ticket is open.");
  await page.getByRole("link", { name: /open a ticket or follow one up/ }).click();
  await expect(page).toHaveURL(/\/support\/tickets$/);
  await expect(page.locator("[data-empty-state]")).toContainText("No tickets yet");

  await page.getByRole("button", { name: "New ticket" }).click();
  const dialog = page.getByRole("dialog", { name: "New ticket" });
  await dialog.getByLabel("Message").fill("Every call to +44 ends at once since 12:00 UTC.");
  await dialog.getByRole("button", { name: "Open ticket" }).click();
  await expect(dialog.locator('[data-field-error="subject"]')).toHaveText("Subject is required");
  await expect(dialog.getByLabel("Subject")).toBeFocused();
  await dialog.getByLabel("Subject").fill("Calls to +44 fail");
  await dialog.getByLabel("About").selectOption({ label: "Calls and call quality" });
  await dialog.getByRole("button", { name: "Open ticket" }).click();
  await expect(page).toHaveURL(/\/support\/tickets\/\d+$/);
  const ticketId = Number(page.url().split("/").at(-1));
  await expect(page.getByRole("heading", { name: "Calls to +44 fail" })).toBeVisible();
  await expect(page.locator("[data-ticket-status]")).toHaveAttribute("data-ticket-status", "open");
  const conversation = page.getByRole("list", { name: "Conversation" });
  await expect(conversation.locator("li")).toHaveCount(1);
  expect(await seriousViolations(page), "axe on a ticket").toEqual([]);

  // The operators' side, as they run it on the server.
  const support = (...args: string[]) =>
    execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/support.ts", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() }, encoding: "utf8" });
  expect(support("list")).toContain(`#${ticketId}`);
  expect(support("reply", String(ticketId), "--as", "Ann", "Fixed: the UK route is back.")).toContain(`Answered ticket #${ticketId}`);

  await page.reload();
  await expect(page.locator("[data-ticket-status]")).toHaveAttribute("data-ticket-status", "answered");
  await expect(conversation.locator('[data-ticket-message="support"]')).toContainText("Fixed: the UK route is back.");
  await expect(conversation.locator('[data-ticket-message="support"]')).toContainText("Support team");

  await page.getByLabel("Your reply").fill("Confirmed, thank you.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator('[data-toast="success"]').first()).toContainText("Sent to the support team.");
  await expect(conversation.locator("li")).toHaveCount(3);
  await expect(page.locator("[data-ticket-status]")).toHaveAttribute("data-ticket-status", "open");
  await page.getByRole("button", { name: "Close ticket" }).click();
  await expect(page.locator("[data-ticket-status]")).toHaveAttribute("data-ticket-status", "closed");
  await expect(page.getByLabel("Write to reopen the ticket")).toBeVisible();

  await page.goto("/notifications");
  await expect(page.getByText("The support team answered the ticket Calls to +44 fail.")).toBeVisible();
  await page.getByRole("link", { name: "Read the answer" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/support/tickets/${ticketId}$`));
});

test("a Support subuser: the checks of its sections, and no tickets", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const sub = await factory.subuser({ accountId: acct.id, roles: ["Support"] });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: sub.name, password: sub.password })).newPage();
  await page.goto("/support");
  await expect(page.locator("[data-support-checks]")).toBeVisible();
  await expect(page.getByText("The account owner opens support tickets")).toBeVisible();
  await expect(page.getByRole("link", { name: /open a ticket/ })).toHaveCount(0);
  const r = await page.goto("/support/tickets");
  expect(r?.status()).toBe(403);
});
