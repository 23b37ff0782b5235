// The Logs page's filters (issue 11 capped its count; the filters make the rest of a long log
// reachable): the table's text box, a range of UTC days, the outcome and the kind of entry, all in
// the URL so a filtered log is a link, and its CSV holds the same rows. A bad day in a
// hand-edited link is named under its input.
import { readFile } from "node:fs/promises";
import { test, expect } from "./fixtures";
import { BASE_URL } from "./fixtures/env";
import { serverActionId } from "./fixtures/server-actions";

const DAY_MS = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

test("the owner narrows the log by outcome, kind, days and text, and clears it", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const row = (action: string, detail: object, outcome: string, routine: boolean, daysAgo: number) =>
    factory.db.auditLog.create({
      data: { accountId: acct.id, actorType: "subuser", actorId: "1", actorName: "mallory", action, detail: JSON.stringify(detail), outcome, routine, createdAt: new Date(Date.now() - daysAgo * DAY_MS) },
    });
  await row("application.create", { name: "sales" }, "ok", false, 3);
  await row("api.call", { method: "DelSubUser" }, "denied", true, 0);
  await row("subuser.delete", { name: "bob" }, "denied", false, 0);
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/logs");
  const sentences = page.locator("[data-audit-sentence]");
  const filters = page.getByTestId("log-filters");
  await expect(sentences.filter({ hasText: "mallory" })).toHaveCount(3);

  // Denied only: the API call and the refused deletion, nothing else (not the owner's own login).
  await filters.getByLabel("Outcome").selectOption("denied");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]outcome=denied/);
  await expect(sentences).toHaveCount(2);
  await expect(sentences.first()).toContainText("mallory");
  // The CSV holds exactly the filtered rows.
  const download = page.waitForEvent("download");
  await page.getByTestId("export-audit-log").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^audit-log-${acct.name}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const lines = (await readFile((await file.path())!, "utf8")).trim().split("\r\n");
  expect(lines[0]).toBe("id,time_utc,actor_type,actor,action,target_type,target_id,outcome,ip,description,detail");
  const cells = (line: string) => line.split(",");
  expect(lines.slice(1).map((l) => `${cells(l)[3]} ${cells(l)[4]} ${cells(l)[7]}`)).toEqual(["mallory subuser.delete denied", "mallory api.call denied"]);

  // And changes only: the refused deletion. The table's text box keeps these filters.
  await filters.getByLabel("Entries").selectOption("changes");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(sentences).toHaveCount(1);
  await expect(sentences.first()).toContainText("bob");
  await expect(page.getByRole("table").getByText("Denied", { exact: true })).toBeVisible();
  // Back returns to the previous filters (each Apply is a history entry), Forward to these.
  await page.goBack();
  await expect(sentences).toHaveCount(2);
  await expect(filters.getByLabel("Entries")).toHaveValue("");
  await page.goForward();
  await expect(sentences).toHaveCount(1);
  await page.getByLabel("Filter by action, actor or target").fill("nobody-here");
  await expect(page).toHaveURL(/[?&]q=nobody-here/);
  await expect(page).toHaveURL(/[?&]kind=changes/);
  await expect(page.getByText("No results for “nobody-here”.")).toBeVisible();

  await filters.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/logs$/);
  await expect(sentences.filter({ hasText: "mallory" })).toHaveCount(3);
  // The form forgets the cleared choices too, so the next Apply does not bring them back.
  await expect(filters.getByLabel("Outcome")).toHaveValue("");
  await expect(filters.getByLabel("Entries")).toHaveValue("");

  // Days, both included: the change three days ago alone, then tomorrow onwards: nothing.
  await filters.getByLabel("From (UTC day)").fill(day(-3));
  await filters.getByLabel("To (UTC day, included)").fill(day(-3));
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(sentences).toHaveCount(1);
  await expect(sentences.first()).toContainText("sales");
  await page.goto(`/logs?from=${day(1)}`);
  await expect(page.getByText("No entries match these filters.")).toBeVisible();

  // A day that does not exist is named under its input; the log shows unfiltered.
  await page.goto("/logs?from=2026-02-30");
  await expect(filters.getByText("There is no day 2026-02-30: enter the start date as YYYY-MM-DD (years 2000 to 2999)")).toBeVisible();
  await expect(sentences.filter({ hasText: "mallory" })).toHaveCount(3);
});

test("a subuser replaying the owner's Delete subuser is refused, nothing changes, and the owner reads the refusal in Logs", async ({ apiLoggedIn, factory }) => {
  const acct = await factory.account();
  const support = await factory.subuser({ accountId: acct.id, roles: ["Support"] });
  const victim = await factory.subuser({ accountId: acct.id, roles: ["Developer"] });
  const asSupport = await apiLoggedIn({ kind: "subuser", accountId: acct.id, name: support.name, password: support.password });
  // The request the owner's Delete dialog sends, with the Support subuser's session.
  const replay = () =>
    asSupport.post("/settings/subusers", {
      headers: { "next-action": serverActionId("deleteSubuserAction"), "content-type": "text/plain;charset=UTF-8", origin: BASE_URL },
      data: JSON.stringify([{ subuserId: victim.id }]),
    });
  for (let i = 0; i < 2; i++) {
    const res = await replay();
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("can use “Editing a subuser”");
  }
  expect(await factory.db.subuser.count({ where: { id: victim.id } })).toBe(1);

  const asOwner = await apiLoggedIn({ kind: "owner", login: acct.name, password: acct.password });
  const html = await (await asOwner.get("/logs?outcome=denied")).text();
  expect(html).toContain(`Subuser ${support.name} tried to use “Editing a subuser” in the panel (2 times within a minute)`);
  // Not a change: the changes-only view leaves it out.
  expect(await (await asOwner.get("/logs?outcome=denied&kind=changes")).text()).not.toContain(`Subuser ${support.name} tried`);
});
