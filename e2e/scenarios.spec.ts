// Scenarios and rules, as an owner uses them: a scenario written in the code editor, saved as
// versions, two versions compared side by side, one restored (a new version); check syntax
// pointing at the line; a rule added, a pattern that backtracks catastrophically refused, the
// keyboard's Move up, and the tester answering which rule a number reaches. Each test makes its
// own account and application.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { uniq } from "./fixtures/db";
import { seriousViolations } from "./fixtures/axe";
import { sidewaysScrollOnPhone } from "./fixtures/reflow";

/** Types at the end of the CodeMirror document. */
async function typeAtEnd(page: Page, text: string) {
  const content = page.getByTestId("scenario-editor").locator(".cm-content");
  await content.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.insertText(text);
}

const versionRows = (page: Page) => page.getByTestId("scenario-versions").locator("tbody tr");

test("writes a scenario, saves two versions, compares them and restores the first", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto(`/applications/${app.id}/scenarios`);

  await expect(page.getByText("No scenarios yet", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "New scenario" }).click();
  const create = page.getByRole("dialog", { name: "New scenario" });
  await create.getByLabel("Name").fill("bad name!");
  await create.getByRole("button", { name: "Create" }).click();
  await expect(create.locator('[data-field-error="name"]')).toBeVisible();
  const name = uniq("greeting-");
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create" }).click();
  await expect(create).toBeHidden();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(versionRows(page)).toHaveCount(1);

  // Version 2: a line typed in the editor.
  await typeAtEnd(page, '\nLogger.write("second version");');
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved as version 2", { exact: true })).toBeVisible();
  await expect(versionRows(page)).toHaveCount(2);
  await expect(versionRows(page).first()).toContainText(acct.name);

  // Check syntax points at the broken line.
  await typeAtEnd(page, "\nlet x = ;");
  await page.getByRole("button", { name: "Check syntax" }).click();
  await expect(page.getByTestId("syntax-error")).toContainText(/Line \d+: SyntaxError/);

  // Compare version 1 with version 2.
  const compare = page.getByTestId("compare-form");
  await compare.getByRole("combobox", { name: "Compare" }).selectOption("1");
  await compare.getByRole("combobox", { name: "with" }).selectOption("2");
  await compare.getByRole("button", { name: "Compare" }).click();
  const diff = page.getByTestId("scenario-diff");
  await expect(diff).toBeVisible();
  await expect(diff).toContainText('Logger.write("second version");');
  await expect(diff.locator(".cm-changedLine, .cm-insertedLine, .cm-changedText").first()).toBeVisible();
  // The folded unchanged lines are framed by a glyph every font has (not ⦚, boxes on Debian's fonts).
  const folded = diff.locator(".cm-collapsedLines").first();
  await expect(folded).toContainText("unchanged lines");
  expect(await folded.evaluate((el) => getComputedStyle(el, "::before").content)).toMatch(/^"↕"/);

  // Restore version 1: its text becomes version 3.
  await page.getByRole("button", { name: "Restore version 1" }).click();
  const confirm = page.getByRole("dialog", { name: "Restore version 1?" });
  await confirm.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("Version 1 restored as version 3", { exact: true })).toBeVisible();
  await expect(versionRows(page)).toHaveCount(3);
  await expect(versionRows(page).first()).toContainText("Restored from version 1");
  await expect(page.getByTestId("scenario-editor")).not.toContainText("second version");
  const saved = await factory.db.scenario.findFirstOrThrow({ where: { accountId: acct.id, name } });
  expect(saved.script).not.toContain("second version");

  // A text that does not compile is saved (a draft), and the editor says so at once.
  await typeAtEnd(page, "\nlet y = ;");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.locator('[data-toast="error"]')).toContainText(/Saved as version 4, but it has a syntax error on line \d+: calls that start it will fail/);
  await expect(page.getByTestId("syntax-error")).toContainText(/Line \d+: SyntaxError/);
  await expect(versionRows(page)).toHaveCount(4);

  // Unsaved changes: a link to another page asks first; Cancel keeps the text, OK leaves.
  // On a phone the versions table scrolls in its own box, not the page.
  expect(await sidewaysScrollOnPhone(page)).toBeNull();
  await typeAtEnd(page, "\n// not saved yet");
  await expect(page.getByTestId("scenario-panel")).toContainText("unsaved changes");
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  const rulesTab = page.getByRole("link", { name: "Rules", exact: true });
  await rulesTab.click();
  await expect.poll(() => asked).toEqual([`${name} has unsaved changes. Leave without saving them?`]);
  await expect(page).toHaveURL(/\/scenarios/);
  await expect(page.getByTestId("scenario-editor")).toContainText("// not saved yet");
  page.once("dialog", (d) => void d.accept());
  await rulesTab.click();
  await expect(page).toHaveURL(new RegExp(`/applications/${app.id}/rules$`));
});

test("adds rules, refuses a catastrophic pattern, reorders by keyboard, and the tester shows the match", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const script = "VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => e.call.hangup());";
  for (const n of ["welcome", "voicemail"]) {
    await factory.db.scenario.create({ data: { accountId: acct.id, applicationId: app.id, name: `${n}-${app.id}`, script, versions: { create: { accountId: acct.id, number: 1, script, authorName: "e2e" } } } });
  }
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto(`/applications/${app.id}/rules`);
  await expect(page.getByText("No rules yet", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Add rule" }).click();
  const editor = page.getByRole("dialog", { name: "Add rule" });
  await editor.getByLabel("Name").fill("numbers");
  await editor.getByLabel("Pattern", { exact: true }).fill("(a+)+b");
  await editor.getByRole("button", { name: "Add", exact: true }).click();
  await expect(editor.locator('[data-field-error="pattern"]')).toContainText("backtracking");
  await editor.getByLabel("Pattern", { exact: true }).fill("\\+?[0-9]+");
  // The editor starts with the first scenario by name (voicemail); welcome is added after it.
  await editor.getByLabel("Add a scenario").selectOption({ label: `welcome-${app.id}` });
  await editor.getByRole("button", { name: "Add to the rule" }).click();
  await expect(editor.getByTestId("rule-scenarios").locator("li")).toHaveCount(2);
  await editor.getByRole("button", { name: "Add", exact: true }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByText("Rule numbers added", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Add rule" }).click();
  const second = page.getByRole("dialog", { name: "Add rule" });
  await second.getByLabel("Name").fill("short");
  await second.getByLabel("Pattern", { exact: true }).fill("[0-9]{3}");
  await second.getByRole("button", { name: "Add", exact: true }).click();
  await expect(second).toBeHidden();
  const rules = page.getByTestId("rule-list").locator("li[data-rule]");
  await expect(rules).toHaveCount(2);

  const tester = page.getByTestId("rule-tester");
  const result = page.getByTestId("tester-result");
  await tester.getByLabel("Number or user name").fill("123");
  await tester.getByRole("button", { name: "Test" }).click();
  await expect(result).toContainText("matches rule numbers");
  await expect(result).toContainText(`voicemail-${app.id}, then welcome-${app.id}`);

  // Move "short" up with the keyboard: now it wins for three digits; the pattern is anchored.
  await page.getByRole("button", { name: "Move up short" }).focus();
  await page.keyboard.press("Enter");
  await expect(rules.first()).toHaveAttribute("data-rule", "short");
  // At the top its Move up is disabled: focus stays on the rule, on its Move down, not on <body>.
  await expect(page.getByRole("button", { name: "Move down short" })).toBeFocused();
  await tester.getByRole("button", { name: "Test" }).click();
  await expect(result).toContainText("matches rule short");
  await tester.getByLabel("Number or user name").fill("x123");
  await tester.getByRole("button", { name: "Test" }).click();
  await expect(result).toContainText("No rule matches x123");

  // A scenario a rule starts cannot be deleted: the dialog says why and offers Close, not Delete.
  const welcome = await factory.db.scenario.findFirstOrThrow({ where: { accountId: acct.id, name: `welcome-${app.id}` } });
  await page.goto(`/applications/${app.id}/scenarios?scenario=${welcome.id}`);
  await page.getByTestId("delete-scenario").click();
  const refusal = page.getByRole("dialog", { name: `Delete welcome-${app.id}?` });
  await expect(refusal).toContainText("The rule numbers starts this scenario: remove it from that rule on the Rules tab first.");
  await expect(refusal.getByRole("button", { name: "Delete" })).toHaveCount(0);
  // Its footer's Close (beside the title's ×) has the focus.
  await expect(refusal.getByText("Close", { exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(refusal).toBeHidden();

  // Deleting a rule removes its row and the Delete button that opened the dialog: focus goes to
  // the page's main region, not to <body>.
  await page.goto(`/applications/${app.id}/rules`);
  await page.getByRole("button", { name: "Delete numbers" }).click();
  await page.getByRole("dialog", { name: /Delete numbers/ }).getByRole("button", { name: "Delete" }).click();
  await expect(rules).toHaveCount(1);
  await expect(page.locator("#main")).toBeFocused();
});


test("a child account reads its parent's shared scenario (read-only) and starts it from its own rule", async ({ browserLoggedIn, factory }) => {
  const parent = await factory.account();
  const child = await factory.account();
  await factory.db.account.update({ where: { id: child.id }, data: { parentId: parent.id, childRole: "Administrator" } });
  const script = "// the parent's greeting\nVoxEngine.addEventListener(AppEvents.CallAlerting, (e) => e.call.hangup());";
  const shared = await factory.db.scenario.create({ data: { accountId: parent.id, applicationId: null, name: `greet-${parent.id}`, script, versions: { create: { accountId: parent.id, number: 1, script, authorName: "e2e" } } } });
  const app = await factory.application(child.id);
  const page = await (await browserLoggedIn({ kind: "owner", login: child.name, password: child.password })).newPage();

  // Scenarios: listed with a "parent" badge; its text is shown read-only, with no Save, Rename or Delete.
  await page.goto(`/applications/${app.id}/scenarios?scenario=${shared.id}`);
  await expect(page.getByTestId("scenario-list")).toContainText(`greet-${parent.id}parent`);
  await expect(page.getByTestId("parent-scenario-script")).toContainText("the parent's greeting");
  await expect(page.getByTestId("scenario-panel")).toContainText("only the parent account can change it");
  await expect(page.getByTestId("save-scenario")).toHaveCount(0);
  await expect(page.getByTestId("delete-scenario")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Rules: the picker offers it, marked; the rule starts it and the tester says so.
  await page.goto(`/applications/${app.id}/rules`);
  await page.getByRole("button", { name: "Add rule" }).click();
  const editor = page.getByRole("dialog", { name: "Add rule" });
  await editor.getByLabel("Name").fill("inbound");
  await editor.getByLabel("Pattern", { exact: true }).fill(".*");
  await expect(editor.getByTestId("rule-scenarios").locator("li")).toContainText([`greet-${parent.id}`]);
  await editor.getByRole("button", { name: "Add", exact: true }).click();
  await expect(editor).toBeHidden();
  const tester = page.getByTestId("rule-tester");
  await tester.getByLabel("Number or user name").fill("123");
  await tester.getByRole("button", { name: "Test" }).click();
  await expect(page.getByTestId("tester-result")).toContainText(`matches rule inbound`);
  await expect(page.getByTestId("tester-result")).toContainText(`greet-${parent.id}`);
  const rule = await factory.db.rule.findFirstOrThrow({ where: { accountId: child.id }, select: { scenarios: { select: { scenarioId: true } } } });
  expect(rule.scenarios).toEqual([{ scenarioId: shared.id }]);
});
