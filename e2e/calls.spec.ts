// The call simulator end to end in the browser: an owner places a test call through the dialog
// (the application's real scenario runs in the sandbox), watches it in active sessions until the
// server's scheduler finalises it, opens its detail and plays the recording (the <audio> element
// loads; the recording route answers a Range request with 206). A Supervisor plays the recording
// but has no delete control; the owner deletes it behind a confirmation.
import { seriousViolations } from "./fixtures/axe";
import type { Page } from "@playwright/test";
import { test, expect, type E2eFixtures } from "./fixtures";
import { OWNER } from "./fixtures/matrix";

// Answers at once, records while it greets, then holds the line for a few seconds and hangs up.
const SCRIPT = `
VoxEngine.addEventListener(AppEvents.Started, () => {
  const call = VoxEngine.callPSTN(VoxEngine.customData(), "+14155550100");
  call.addEventListener(CallEvents.Connected, () => {
    Logger.write("connected to " + call.number());
    call.record({ name: "greeting" });
    call.say("Hello from the end to end test");
  });
  call.addEventListener(CallEvents.PlaybackFinished, () => {
    call.stopRecording();
    setTimeout(() => call.hangup(), 8000);
  });
  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
});`;

const CALLER = "+14155550100";
const DEST = "+12125550142";

async function accountWithScenario({ factory }: Pick<E2eFixtures, "factory">) {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const db = factory.db;
  const scenario = await db.scenario.create({ data: { accountId: acct.id, applicationId: app.id, name: `greet-${app.id}`, script: SCRIPT } });
  const rule = await db.rule.create({ data: { accountId: acct.id, applicationId: app.id, name: "everything", pattern: ".*", position: 0 } });
  await db.ruleScenario.create({ data: { ruleId: rule.id, scenarioId: scenario.id, position: 0 } });
  await db.callerId.create({ data: { accountId: acct.id, number: CALLER, active: true, verifiedUntil: new Date(Date.now() + 365 * 86_400_000) } });
  await db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 20_00, kind: "topup", memo: "e2e top-up" } });
  // A number of its own, which the dialog offers as a caller.
  const own = `+1997${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
  await db.phoneNumber.create({
    data: { number: own, countryCode: "US", regionId: 1, category: "GEOGRAPHIC", smsSupported: false, setupPriceMinor: 100, monthlyPriceMinor: 100, status: "active", accountId: acct.id, purchasedAt: new Date() },
  });
  return { acct, app, own };
}

async function placeCall(page: Page, appName: string, own?: string): Promise<number> {
  await page.goto("/calls");
  await page.getByRole("button", { name: "Place a test call" }).click();
  const dialog = page.getByRole("dialog", { name: "Place a test call" });
  if (own) await expect(dialog.locator(`datalist[id="${await dialog.getByLabel("Caller number").getAttribute("list")}"] option`)).toHaveAttribute("value", own);
  await dialog.getByLabel("Application").selectOption({ label: appName });
  await dialog.getByLabel("Destination").fill(DEST);
  await dialog.getByLabel("Caller number").fill(CALLER);
  await dialog.getByLabel("Answers after (s)").fill("0");
  await dialog.getByRole("button", { name: "Place call" }).click();
  await page.waitForURL(/\/calls\/\d+$/);
  return Number(new URL(page.url()).pathname.split("/").pop());
}

test("an owner places a test call, watches it run, then plays its recording", async ({ browserLoggedIn, factory }) => {
  const { acct, app, own } = await accountWithScenario({ factory });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  const sessionId = await placeCall(page, app.name, own);
  await expect(page.getByTestId("call-session")).toHaveAttribute("data-status", "running");

  // Active sessions lists it while it runs, and drops it (polling) once the scheduler finalises it.
  await page.goto("/calls/active");
  const row = page.locator(`[data-testid="active-session"][data-session-id="${sessionId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveCount(0, { timeout: 30_000 });

  // The history lists it; its detail has the leg, the log and the recording.
  await page.goto("/calls");
  expect(await seriousViolations(page), "axe on /calls with a row").toEqual([]);
  await page.getByRole("link", { name: new RegExp(`, call ${sessionId} details$`) }).click();
  await expect(page.getByTestId("call-session")).toHaveAttribute("data-status", "completed");
  await expect(page.getByTestId("call-leg")).toHaveCount(1);
  await expect(page.getByRole("list", { name: "Session log" })).toContainText(`connected to ${DEST}`);

  const audio = page.getByLabel("Recording greeting");
  await expect(audio).toBeVisible();
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  const duration = await audio.evaluate((a: HTMLAudioElement) => a.duration);
  expect(duration).toBeGreaterThan(0);
  const src = await audio.getAttribute("src");
  const ranged = await page.request.get(src!, { headers: { range: "bytes=100-199" } });
  expect(ranged.status()).toBe(206);
  expect(ranged.headers()["content-range"]).toMatch(/^bytes 100-199\/\d+$/);
  expect(await seriousViolations(page), "axe on the call's detail").toEqual([]);
  // Seeking plays from the middle.
  await audio.evaluate((a: HTMLAudioElement) => {
    a.currentTime = a.duration / 2;
  });
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(0);
});

test("a Supervisor plays a recording but has no delete control; the owner deletes it after confirming", async ({ browserLoggedIn, factory }) => {
  const { acct, app } = await accountWithScenario({ factory });
  const ownerPage = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  const sessionId = await placeCall(ownerPage, app.name);
  await expect.poll(async () => (await factory.db.callSession.findUniqueOrThrow({ where: { id: sessionId } })).status, { timeout: 30_000 }).toBe("completed");

  const sup = await factory.subuser({ roles: ["Supervisor"], accountId: acct.id });
  const supPage = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: sup.name, password: sup.password })).newPage();
  await supPage.goto(`/calls/${sessionId}`);
  const audio = supPage.getByLabel("Recording greeting");
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await expect(supPage.getByRole("link", { name: "Download" })).toBeVisible();
  await expect(supPage.locator('[data-action="recordings.delete"]')).toHaveCount(0);

  await ownerPage.goto(`/calls/${sessionId}`);
  await ownerPage.locator('[data-action="recordings.delete"]').click();
  const confirm = ownerPage.getByRole("dialog", { name: "Delete the recording “greeting”?" });
  await confirm.getByRole("button", { name: "Delete recording" }).click();
  await expect(ownerPage.getByText("greeting: deleted.")).toBeVisible();
  const gone = await ownerPage.request.get(src(await factory.db.recording.findFirstOrThrow({ where: { sessionId } })));
  expect(gone.status()).toBe(404);
  // A call that is not there is a 404 titled so, not "All calls".
  expect((await ownerPage.goto("/calls/999999999"))?.status()).toBe(404);
  await expect(ownerPage).toHaveTitle("Not found · Switchboard");
});

const src = (r: { id: number }) => `/calls/recordings/${r.id}`;

test("the demo account's call history is not empty: the seed's calls are listed", async ({ apiAs }) => {
  const api = await apiAs(OWNER);
  const html = await (await api.get("/calls")).text();
  // Inbound calls to the sales number, answered by the demo scenario through its rule.
  expect(html).toContain("all-calls");
  expect(html).toContain("+13125550188");
  expect(html).not.toContain("No calls yet");
});

test("a filter that can match no call says why under the filters", async ({ apiAs }) => {
  const api = await apiAs(OWNER);
  const html = await (await api.get("/calls?minDuration=100&maxDuration=5")).text();
  expect(html).toContain('data-testid="call-filter-problems"');
  expect(html).toContain("Min duration (100 s) is above max duration (5 s)");
  expect(await (await api.get("/calls?minDuration=5&maxDuration=100")).text()).not.toContain("call-filter-problems");
});

test("the history's filters narrow the list in the URL, and Clear empties them", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const now = Date.now();
  const session = (toNumber: string, status: string, minutesAgo: number, durationSeconds = 0) => {
    const at = new Date(now - minutesAgo * 60_000);
    return factory.db.callSession.create({ data: { accountId: acct.id, applicationId: app.id, initiator: "panel", direction: "outbound", fromNumber: "", toNumber, status, startedAt: at, plannedEndAt: at, endedAt: at, durationSeconds } });
  };
  await session("+12125550101", "completed", 3, 60);
  await session("+12125550102", "no_answer", 2);
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/calls");
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  const filters = page.getByTestId("call-filters");
  // The form's empty fields filter nothing: an empty max duration is not "at most 0 s".
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]maxDuration=(&|$)/);
  await expect(rows).toHaveCount(2);
  await filters.getByLabel("Status").selectOption("no_answer");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]status=no_answer/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("+12125550102");
  await filters.getByRole("link", { name: "Clear" }).click();
  await expect(rows).toHaveCount(2);
  // The form forgets the cleared status, so the next Apply does not bring it back.
  await expect(filters.getByLabel("Status")).toHaveValue("");
});
