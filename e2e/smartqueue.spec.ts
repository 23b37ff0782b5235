// SmartQueue as the account owner sets it up in an application's Queues tab: a skill, a queue
// (a name taken in another letter case refused under its field, nothing stored), a user made an
// agent of the queue with a skill level, the agent and the queue edited, then everything
// deleted; every state checked with axe. One account for the test.
import type { Page } from "@playwright/test";
import { seriousViolations } from "./fixtures/axe";
import { test, expect } from "./fixtures";

async function rowMenu(page: Page, label: string, item: string) {
  await page.getByRole("button", { name: label, exact: true }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

const toast = (page: Page) => page.locator('[data-toast="success"]').first();

test("adds a skill and a queue, makes a user an agent with a skill level, edits them, deletes them", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id, "desk");
  await factory.appUser({ accountId: acct.id, applicationId: app.id }, { name: "ann", displayName: "Ann Archer" });
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto(`/applications/${app.id}/queues`);
  await expect(page.locator("[data-empty-state]").first()).toContainText("No queues in this application");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Add skill" }).click();
  const skill = page.getByRole("dialog", { name: "Add skill" });
  await skill.getByLabel("Name").fill("English");
  await skill.getByRole("button", { name: "Add skill" }).click();
  await expect(toast(page)).toContainText("Skill English added");
  await expect(page.getByRole("table", { name: "Skills" })).toContainText("English");

  await page.getByRole("button", { name: "Add queue" }).click();
  const queue = page.getByRole("dialog", { name: "Add queue" });
  await queue.getByLabel("Name").fill("Sales");
  await queue.getByLabel("Calls: agent selection").selectOption("LEAST_QUALIFIED");
  await queue.getByLabel("Calls: max waiting time (seconds)").fill("120");
  await queue.getByRole("button", { name: "Add queue" }).click();
  await expect(toast(page)).toContainText("Queue Sales added");
  const queues = page.getByRole("table", { name: "Queues" });
  await expect(queues.locator("tbody tr")).toContainText("Least qualified agent");

  // The same name in other letters is taken: refused under the field, nothing stored.
  await page.getByRole("button", { name: "Add queue" }).click();
  await queue.getByLabel("Name").fill("SALES");
  await queue.getByRole("button", { name: "Add queue" }).click();
  await expect(queue.locator('[data-field-error="name"]')).toHaveText("A queue with this name already exists in this application");
  expect(await factory.db.sqQueue.count({ where: { accountId: acct.id } })).toBe(1);
  expect(await seriousViolations(page)).toEqual([]);
  await queue.getByRole("button", { name: "Cancel" }).click();

  // No queue or skill, then an unknown user, are refused under their fields; then ann becomes an agent of Sales with English at level 4.
  await page.getByRole("button", { name: "Add agent" }).click();
  const agent = page.getByRole("dialog", { name: "Add agent" });
  // The users who are not agents yet are offered: ann, the only one.
  await expect(agent.locator(`datalist[id="${await agent.getByLabel("User name").getAttribute("list")}"] option`)).toHaveAttribute("value", "ann");
  await expect(agent.getByLabel("User name")).toHaveAccessibleDescription("Pick the one user who is not an agent yet, or type a name");
  // Neither a queue nor a skill would make no agent: refused under the queues.
  await agent.getByLabel("User name").fill("ann");
  await agent.getByRole("button", { name: "Add agent" }).click();
  await expect(agent.locator('[data-field-error="queueIds"]')).toHaveText("Choose a queue or give a skill level: an agent serves a queue or has a skill");
  await agent.getByLabel("Sales").check();
  await agent.getByLabel("User name").fill("nobody");
  await agent.getByRole("button", { name: "Add agent" }).click();
  await expect(agent.locator('[data-field-error="userName"]')).toHaveText("User not found");
  await agent.getByLabel("User name").fill("ann");
  await agent.getByLabel("English").selectOption("4");
  expect(await seriousViolations(page)).toEqual([]);
  await agent.getByRole("button", { name: "Add agent" }).click();
  await expect(toast(page)).toContainText("ann is now an agent");
  const agents = page.getByRole("table", { name: "Agents" });
  await expect(agents.locator("tbody tr")).toContainText("English (4)");
  await expect(agents.locator("tbody tr")).toContainText("Sales");

  // Edit the agent: English at level 2, chats only, three at once.
  await rowMenu(page, "Actions for the agent ann", "Edit agent");
  const edit = page.getByRole("dialog", { name: "Edit the agent ann" });
  await edit.getByLabel("English").selectOption("2");
  await edit.getByLabel("Takes calls").uncheck();
  await edit.getByLabel("Chats at once").fill("3");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(toast(page)).toContainText("Agent ann saved");
  await expect(agents.locator("tbody tr")).toContainText("English (2)");
  await expect(agents.locator("tbody tr")).toContainText("3 chats at once");

  // Edit the queue: renamed, priority 7.
  await rowMenu(page, "Actions for the queue Sales", "Edit queue");
  const editQueue = page.getByRole("dialog", { name: "Edit the queue Sales" });
  await editQueue.getByLabel("Name").fill("Sales EU");
  await editQueue.getByLabel("Priority (1 to 100)").fill("7");
  await editQueue.getByRole("button", { name: "Save" }).click();
  await expect(toast(page)).toContainText("Queue Sales EU saved");
  await expect(agents.locator("tbody tr")).toContainText("Sales EU");

  // Remove the agent (the user stays), then delete the skill and the queue.
  await rowMenu(page, "Actions for the agent ann", "Remove agent");
  await page.getByRole("dialog", { name: "Remove the agent ann?" }).getByRole("button", { name: "Remove agent" }).click();
  await expect(toast(page)).toContainText("ann is no longer an agent");
  await rowMenu(page, "Actions for the skill English", "Delete skill");
  await page.getByRole("dialog", { name: "Delete the skill English?" }).getByRole("button", { name: "Delete skill" }).click();
  await expect(toast(page)).toContainText("Skill English deleted");
  await rowMenu(page, "Actions for the queue Sales EU", "Delete queue");
  await page.getByRole("dialog", { name: "Delete the queue Sales EU?" }).getByRole("button", { name: "Delete queue" }).click();
  await expect(page.locator("[data-empty-state]")).toHaveCount(3);
  expect(await seriousViolations(page)).toEqual([]);
  const actions = await factory.db.auditLog.findMany({ where: { accountId: acct.id, action: { startsWith: "sq_" } }, orderBy: { id: "asc" }, select: { action: true } });
  expect(actions.map((a) => a.action)).toEqual(["sq_skill.create", "sq_queue.create", "sq_agent.update", "sq_agent.update", "sq_queue.update", "sq_agent.update", "sq_skill.delete", "sq_queue.delete"]);
});

test("a UserManager gives a user SmartQueue skills from the Users tab, without the Queues tab", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const app = await factory.application(acct.id, "desk");
  const user = await factory.appUser({ accountId: acct.id, applicationId: app.id }, { name: "bea" });
  await factory.db.sqSkill.create({ data: { accountId: acct.id, applicationId: app.id, name: "Billing", nameKey: "billing" } });
  const manager = await factory.subuser({ accountId: acct.id, roles: ["UserManager"] });
  const page = await (await browserLoggedIn({ kind: "subuser", accountId: acct.id, name: manager.name, password: manager.password })).newPage();
  expect((await page.goto(`/applications/${app.id}/queues`))?.status()).toBe(403);
  await page.goto(`/applications/${app.id}/users`);
  await rowMenu(page, `Actions for ${user.name}`, "SmartQueue skills");
  const dialog = page.getByRole("dialog", { name: `SmartQueue skills of ${user.name}` });
  await dialog.getByLabel("Billing").selectOption("3");
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(toast(page)).toContainText(`Skills of ${user.name} saved`);
  expect(await factory.db.sqAgentSkill.findMany({ where: { userId: user.id }, select: { level: true } })).toEqual([{ level: 3 }]);
});
