// Call lists as a CallListManager runs them (docs/PRODUCT.md section 7, issue 10 item 7): uploads
// a list with a bad line and sees the error by line with nothing created, fixes the file, watches
// the list run to completion on the server's own scheduler (the real sandbox runs the rule's
// scenario for each row, which reports each row's result or error), opens the list's rows, and
// downloads the results. The account is a fresh one with a balance, an application, and a rule
// whose scenario calls the row's number. Last, a row still waiting is cancelled from its menu, and
// called again.
import { readFile } from "node:fs/promises";
import { test, expect, type E2eFixtures } from "./fixtures";

// Bob declines: the scenario reports an error for his row (CallList.reportError), a result for the others.
const SCRIPT = `
require(Modules.CallList);
VoxEngine.addEventListener(AppEvents.Started, () => {
  const row = JSON.parse(VoxEngine.customData());
  Logger.write("calling " + row.name);
  const call = VoxEngine.callPSTN(row.phone_number, "+15550002222");
  call.addEventListener(CallEvents.Connected, () => setTimeout(() => {
    if (row.name === "Bob") CallList.reportError("Bob said no", VoxEngine.terminate);
    else CallList.reportResult({ reached: row.name }, VoxEngine.terminate);
  }, 3000));
  call.addEventListener(CallEvents.Failed, () => VoxEngine.terminate());
});`;

/** A list queued until `startAt` (the scheduler leaves it alone until then), written straight to the database, with a row per number. */
function queuedList(factory: E2eFixtures["factory"], accountId: number, applicationId: number, name: string, startAt: Date, numbers: string[] = []) {
  return factory.db.callList.create({
    data: {
      accountId, applicationId, ruleId: 0, name, maxSimultaneous: 1, numAttempts: 1, intervalSeconds: 60, total: numbers.length,
      startAt, nextRunAt: startAt, status: "queued", header: JSON.stringify(["phone_number"]), destinationColumn: "phone_number", createdByName: "e2e", createdAt: new Date(),
      rows: {
        create: numbers.map((destination, i) => ({ accountId, position: i + 1, line: i + 2, destination, data: JSON.stringify({ phone_number: destination }), nextAttemptAt: startAt, updatedAt: new Date() })),
      },
    },
  });
}

const csv = (lines: string[]) => ({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(`${lines.join("\n")}\n`) });

test("a CallListManager uploads a list with a bad line, fixes it, runs it to completion and downloads the results", async ({ browserLoggedIn, factory }) => {
  test.setTimeout(120_000);
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const db = factory.db;
  await db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 100_00, kind: "topup", memo: "e2e call lists" } });
  // The caller ID the scenario presents: the network refuses a number the account has not proved.
  await db.callerId.create({ data: { accountId: acct.id, number: "+15550002222", active: true, verifiedUntil: new Date(Date.now() + 365 * 86_400_000) } });
  const scenario = await db.scenario.create({ data: { accountId: acct.id, applicationId: app.id, name: `greet-${app.id}`, script: SCRIPT } });
  // The inbound rule comes first: with two rules, the dialog takes neither for granted.
  await db.rule.create({ data: { accountId: acct.id, applicationId: app.id, name: "inbound", pattern: "^\\+1", position: 0, scenarios: { create: [{ scenarioId: scenario.id, position: 0 }] } } });
  const rule = await db.rule.create({ data: { accountId: acct.id, applicationId: app.id, name: "campaign", pattern: ".*", position: 1, scenarios: { create: [{ scenarioId: scenario.id, position: 0 }] } } });
  const manager = await factory.subuser({ accountId: acct.id, roles: ["CallListManager"] });
  const context = await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: manager.name, password: manager.password });
  const page = await context.newPage();
  await page.goto(`/applications/${app.id}/call-lists`);
  await expect(page.getByText(`${app.name} has no call lists yet`)).toBeVisible();

  await page.locator('button[data-action="application.call_lists.create"]').click();
  const dialog = page.getByRole("dialog", { name: "Create call list" });
  // Nothing filled in and a setting out of range: every error at once; a 0-byte file is called empty.
  await dialog.getByLabel("Max simultaneous calls").fill("0");
  await dialog.getByRole("button", { name: "Create and start" }).click();
  await expect(dialog.locator('[data-field-error="maxSimultaneous"]')).toHaveText("Max simultaneous calls must be at least 1");
  await expect(dialog.locator('[data-field-error="name"]')).toHaveText("Enter a name");
  await expect(dialog.locator('[data-field-error="file"]')).toHaveText("Choose a CSV file");
  await expect(dialog.locator('[data-field-error="ruleId"]')).toHaveText("Choose a rule");
  await dialog.getByLabel("CSV file").setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) });
  await dialog.getByRole("button", { name: "Create and start" }).click();
  await expect(dialog.locator('[data-field-error="file"]')).toHaveText("The file is empty");
  await dialog.getByLabel("Name").fill("Spring customers");
  await dialog.getByLabel("Rule").selectOption(String(rule.id));
  await dialog.getByLabel("Max simultaneous calls").fill("2");
  await dialog.getByLabel("Attempts per row").fill("1");
  await dialog.getByLabel("CSV file").setInputFiles(csv(["phone_number;name", "+12125550101;Ann", "not-a-number;Bob", "+12125550103;Cy"]));
  await dialog.getByRole("button", { name: "Create and start" }).click();
  const fileError = dialog.locator('[data-field-error="file"]');
  await expect(fileError).toContainText("Line 3: phone_number “not-a-number” is not a phone number");
  expect(await db.callList.count({ where: { accountId: acct.id } })).toBe(0);

  await dialog.getByLabel("CSV file").setInputFiles(csv(["phone_number;name", "+12125550101;Ann", "+12125550102;Bob", "+12125550103;Cy"]));
  // A start with its date but not its time is refused, not read as "start now".
  const start = dialog.getByLabel("Start at (UTC)");
  await start.click();
  await start.pressSequentially("12062099");
  await dialog.getByRole("button", { name: "Create and start" }).click();
  await expect(dialog.locator('[data-field-error="startAt"]')).toHaveText("Enter both the date and the time (UTC), or clear the field to start now");
  expect(await db.callList.count({ where: { accountId: acct.id } })).toBe(0);
  await start.fill("");
  await dialog.getByRole("button", { name: "Create and start" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Spring customers created with 3 rows", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Spring customers" }).click();
  await expect(page.locator("[data-list-status]")).toBeVisible();
  // The server's scheduler runs it; the page refreshes itself while it runs.
  await expect(page.locator("[data-list-status]")).toHaveAttribute("data-list-status", "completed", { timeout: 60_000 });
  // A finished list says when it started, not when it "starts", and what it cost, not "so far".
  await expect(page.locator("[data-list-status]")).toContainText("Started:");
  await expect(page.locator("[data-list-status]")).toContainText(/Cost: \$/);
  await expect(page.locator("[data-progress]").first()).toHaveAttribute("data-progress", "2/0/1/3");
  await expect(page.locator("table tbody tr")).toHaveCount(3);
  await expect(page.locator("table tbody tr").filter({ hasText: "Succeeded" })).toHaveCount(2);
  // Each row shows what its scenario reported.
  const bob = page.locator("table tbody tr").filter({ hasText: "+12125550102" });
  await expect(bob).toContainText("Failed");
  await expect(bob).toContainText("The scenario reported an error");
  await expect(bob.getByTestId("row-report")).toHaveText("Report: Bob said no");
  await expect(page.locator("table tbody tr").filter({ hasText: "+12125550101" }).getByTestId("row-report")).toHaveText('Report: {"reached":"Ann"}');

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-results").click()]);
  const text = await readFile((await download.path())!, "utf8");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toBe("position,phone_number,name,status,attempts,result,reason,report,cost,call_session_id,updated_at");
  expect(lines.slice(1).map((l) => l.split(",").slice(0, 6).join(","))).toEqual([
    "1,+12125550101,Ann,Succeeded,1,completed",
    "2,+12125550102,Bob,Failed,1,completed",
    "3,+12125550103,Cy,Succeeded,1,completed",
  ]);
  expect(lines[2]).toContain(",The scenario reported an error,Bob said no,");
  expect(lines[3]).toContain(',"{""reached"":""Cy""}",');
  // The failed rows alone, then all of them again.
  const byStatus = page.getByRole("navigation", { name: "Rows by status" });
  await byStatus.getByRole("link", { name: "Failed 1" }).click();
  await expect(page).toHaveURL(/\?status=failed$/);
  await expect(byStatus.getByRole("link", { name: "Failed 1" })).toHaveAttribute("aria-current", "page");
  await expect(page.locator("table tbody tr")).toHaveCount(1);
  await expect(page.locator("table tbody tr")).toContainText("+12125550102");
  // The download follows the filter.
  await expect(page.getByTestId("download-results")).toHaveText("Download failed rows (CSV)");
  await expect(page.getByTestId("download-results")).toHaveAttribute("href", /\/results\?status=failed$/);
  await byStatus.getByRole("link", { name: "All rows 3" }).click();
  await expect(page.locator("table tbody tr")).toHaveCount(3);
  const sessions = await db.callSession.findMany({ where: { accountId: acct.id, initiator: "call_list" } });
  expect(sessions.map((s) => s.status).sort()).toEqual(["completed", "completed", "completed"]);
  // The page is the list's: its name heads it, under Applications › app › Call lists.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spring customers");
  await expect(page).toHaveTitle(`Spring customers · Call lists · ${app.name} · Switchboard`);
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: "Call lists" })).toHaveAttribute("href", `/applications/${app.id}/call-lists`);
  await expect(crumbs).toContainText(app.name);
  // A CallListManager has no call history: the rows' last attempts are not links.
  await expect(page.getByTestId("last-call")).toHaveCount(0);
  await context.close();

  // The owner's rows link to their calls.
  const ownerContext = await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password });
  const ownerPage = await ownerContext.newPage();
  await ownerPage.goto(page.url());
  await expect(ownerPage.getByTestId("last-call")).toHaveCount(3);
  const first = sessions.find((s) => s.toNumber === "+12125550101")!;
  await ownerPage.getByRole("link", { name: "View call to +12125550101 (row 1)" }).click();
  await expect(ownerPage).toHaveURL(`/applications/${app.id}/call-history/${first.id}`);
  await expect(ownerPage.getByRole("heading", { level: 1 })).toHaveText(`Call ${first.id}`);
  await expect(ownerPage).toHaveTitle(`Call ${first.id} · Call history · ${app.name} · Switchboard`);
  // The call names its list and leads back to it.
  await expect(ownerPage.getByTestId("session-call-list")).toHaveText("Spring customers");
  await expect(ownerPage.getByTestId("session-call-list")).toHaveAttribute("href", page.url().replace(/^https?:\/\/[^/]+/, ""));
  await expect(ownerPage.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Call history" })).toHaveAttribute("href", `/applications/${app.id}/call-history`);
  // A list, a call or an application that is not there is a 404 titled so.
  for (const missing of [`/applications/${app.id}/call-lists/999999999`, `/applications/${app.id}/call-history/999999999`, "/applications/999999999/call-lists", "/applications/abc/call-history/1"]) {
    expect((await ownerPage.goto(missing))?.status()).toBe(404);
    await expect(ownerPage).toHaveTitle("Not found · Switchboard");
  }
  await ownerContext.close();
});

test("a Supervisor sees the lists but no Create or Append rows", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const supervisor = await factory.subuser({ accountId: acct.id, roles: ["Supervisor"] });
  const context = await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: supervisor.name, password: supervisor.password });
  const page = await context.newPage();
  const res = await page.goto(`/applications/${app.id}/call-lists`);
  expect(res?.status()).toBe(200);
  await expect(page.getByText(`${app.name} has no call lists yet`)).toBeVisible();
  await expect(page.locator('[data-action="application.call_lists.create"]')).toHaveCount(0);
  await expect(page.locator('[data-action="application.call_lists.append"]')).toHaveCount(0);
  await context.close();
});

test("a page with a queued list refreshes itself while its tab is visible, and not while it is hidden", async ({ browserLoggedIn, factory }) => {
  test.setTimeout(60_000);
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  // Queued for tomorrow: the scheduler leaves it alone, so the page keeps watching it.
  const startAt = new Date(Date.now() + 86_400_000);
  await queuedList(factory, acct.id, app.id, "Tomorrow", startAt);
  const supervisor = await factory.subuser({ accountId: acct.id, roles: ["Supervisor"] });
  const context = await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: supervisor.name, password: supervisor.password });
  const page = await context.newPage();
  let refreshes = 0;
  page.on("request", (r) => {
    if (r.headers()["rsc"] === "1" && new URL(r.url()).pathname === `/applications/${app.id}/call-lists`) refreshes++;
  });
  await page.goto(`/applications/${app.id}/call-lists`);
  await expect(page.getByRole("link", { name: "Tomorrow" })).toBeVisible();
  await expect.poll(() => refreshes, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);

  const setVisibility = (state: "hidden" | "visible") =>
    page.evaluate((s) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => s });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);
  await setVisibility("hidden");
  await page.waitForTimeout(500); // a refresh already on its way may still land
  const whileHidden = refreshes;
  await page.waitForTimeout(7_000);
  expect(refreshes, "no refresh while the tab is hidden").toBe(whileHidden);

  await setVisibility("visible");
  await expect.poll(() => refreshes, { timeout: 2_000, message: "a refresh at once when the tab shows again" }).toBeGreaterThan(whileHidden);
  await context.close();
});

test("a row still waiting is cancelled from its menu, by keyboard, then called again from a time in UTC", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  // Queued for tomorrow: nothing calls its rows meanwhile.
  const startAt = new Date(Date.now() + 86_400_000);
  const list = await queuedList(factory, acct.id, app.id, "Later", startAt, ["+12125550101", "+12125550102"]);
  const manager = await factory.subuser({ accountId: acct.id, roles: ["CallListManager"] });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: manager.name, password: manager.password })).newPage();
  await page.goto(`/applications/${app.id}/call-lists/${list.id}`);
  // Each waiting row shows its attempts and, the list being queued, the time of its first call.
  const row1 = page.locator("table tbody tr").filter({ hasText: "+12125550101" });
  await expect(row1.getByTestId("row-attempts")).toContainText("0 of 1");
  await expect(row1.getByTestId("row-attempts").locator("time")).toHaveAttribute("datetime", startAt.toISOString());
  const menuButton = page.getByRole("button", { name: "Actions for row 2" });
  await menuButton.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Cancel row" })).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Cancel row 2?" });
  await expect(dialog).toContainText("+12125550102 will not be called by this list, unless you call it again from its menu.");
  // Its body is what a screen reader reads after the title (it used to be the title again), and
  // the dismiss button is not a second "Cancel" beside "Cancel row".
  await expect(dialog).toHaveAccessibleDescription("+12125550102 will not be called by this list, unless you call it again from its menu.");
  await expect(dialog.getByRole("button", { name: "Keep row" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel row" }).click();
  await expect(page.locator('[data-toast="success"]').first()).toHaveText("Row 2 cancelled: +12125550102 will not be called");
  const row2 = page.locator("table tbody tr").filter({ hasText: "+12125550102" });
  await expect(row2).toContainText("Cancelled");
  await expect(row2).toContainText(`Cancelled by ${manager.name}`);
  await expect(page.locator("[data-progress]").first()).toHaveAttribute("data-progress", "0/0/0/2");
  await expect(page.locator("[data-list-status]")).toContainText("1 cancelled");
  expect(await factory.db.callList.findUniqueOrThrow({ where: { id: list.id }, select: { cancelled: true } })).toEqual({ cancelled: 1 });

  // Changed minds: the cancelled row is called again, with two attempts from a time given in UTC.
  await page.getByRole("button", { name: "Actions for row 2" }).click();
  await page.getByRole("menuitem", { name: "Call again…" }).click();
  const again = page.getByRole("dialog", { name: "Call row 2 again" });
  await expect(again).toHaveAccessibleDescription("+12125550102 waits to be called again; a completed list runs again for it.");
  // 0 attempts would change nothing: refused under the field.
  await again.getByLabel("Attempts").fill("0");
  await again.getByRole("button", { name: "Call again" }).click();
  await expect(again.locator('[data-field-error="attemptsLeft"]')).toHaveText("Give the row at least 1 attempt to call it again");
  await again.getByLabel("Attempts").fill("2");
  await again.getByLabel("Next call at (UTC)").fill("tomorrow");
  await again.getByRole("button", { name: "Call again" }).click();
  await expect(again.locator('[data-field-error="startAt"]')).toHaveText("Enter a date and time as YYYY-MM-DD HH:mm (UTC)");
  // A time gone by is not read as "now" without a word.
  await again.getByLabel("Next call at (UTC)").fill("2020-01-02 09:30");
  await again.getByRole("button", { name: "Call again" }).click();
  await expect(again.locator('[data-field-error="startAt"]')).toHaveText("That time has passed: leave it empty to call as soon as the list can");
  await again.getByLabel("Next call at (UTC)").fill("2099-01-02 09:30");
  await again.getByRole("button", { name: "Call again" }).click();
  await expect(page.locator('[data-toast="success"]').first()).toHaveText("Row 2 will be called again: +12125550102");
  await expect(row2).toContainText("Pending");
  await expect(row2).toContainText(`To be called again (set by ${manager.name})`);
  await expect(row2.getByTestId("row-attempts")).toContainText("0 of 2");
  await expect(row2.getByTestId("row-attempts").locator("time")).toHaveAttribute("datetime", "2099-01-02T09:30:00.000Z");
  await expect(page.locator("[data-list-status]")).not.toContainText("cancelled");
  expect(await factory.db.callListRow.findFirstOrThrow({ where: { listId: list.id, position: 2 }, select: { status: true, attemptsAllowed: true, nextAttemptAt: true } })).toEqual({
    status: "pending",
    attemptsAllowed: 2,
    nextAttemptAt: new Date("2099-01-02T09:30:00Z"),
  });

  // Row 1 cancelled too, then every cancelled row called again at once from the Cancelled rows.
  await page.getByRole("button", { name: "Actions for row 1" }).click();
  await page.getByRole("menuitem", { name: "Cancel row" }).click();
  await page.getByRole("dialog", { name: "Cancel row 1?" }).getByRole("button", { name: "Cancel row" }).click();
  await expect(row1).toContainText("Cancelled");
  await page.getByRole("navigation", { name: "Rows by status" }).getByRole("link", { name: "Cancelled 1" }).click();
  await expect(page.locator("table tbody tr")).toHaveCount(1);
  await page.getByRole("button", { name: "Call the cancelled row again…" }).click();
  const all = page.getByRole("dialog", { name: "Call the cancelled rows again" });
  await expect(all).toHaveAccessibleDescription("1 cancelled row waits to be called again; a completed list runs again for it.");
  await all.getByLabel("Attempts").fill("3");
  await all.getByRole("button", { name: "Call again" }).click();
  await expect(page.locator('[data-toast="success"]').first()).toHaveText("1 row will be called again");
  // Nothing is cancelled any more: the filter shows none, and the button is gone.
  await expect(page.getByText("No rows match.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Call (the|all)/ })).toHaveCount(0);
  expect(await factory.db.callListRow.findFirstOrThrow({ where: { listId: list.id, position: 1 }, select: { status: true, attemptsAllowed: true, nextAttemptAt: true } })).toEqual({
    status: "pending",
    attemptsAllowed: 3,
    nextAttemptAt: startAt,
  });
});
