// Dialogflow keys as the account owner manages them in two applications: add a service account's
// JSON key file (a file that is not one refused under the field, nothing stored; the same file
// again refused; a file and pasted text at once refused), describe it, let a second application
// use the same key, remove it there, delete it. The key file never
// comes back to the browser. One account for the test.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { seriousViolations } from "./fixtures/axe";
import { test, expect } from "./fixtures";

const PROJECT = "support-agent-7";
const KEY_ID = randomBytes(20).toString("hex");
/** How the page names the key: its project and the start of its key id. */
const NAME = `${PROJECT} key ${KEY_ID.slice(0, 8)}`;
const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const KEY_FILE = JSON.stringify({
  type: "service_account",
  project_id: PROJECT,
  private_key_id: KEY_ID,
  private_key: PEM,
  client_email: `dialogflow@${PROJECT}.iam.gserviceaccount.com`,
});

async function rowMenu(page: Page, item: string) {
  await page.getByRole("button", { name: `Actions for the key ${NAME}`, exact: true }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

const toast = (page: Page) => page.locator('[data-toast="success"]').first();

test("adds a key file, describes it, shares it with a second application, removes it there, deletes it", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const [bot, ivr] = [await factory.application(acct.id, "bot"), await factory.application(acct.id, "ivr")];
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto(`/applications/${bot.id}/dialogflow`);
  await expect(page.locator("[data-empty-state]")).toContainText("No Dialogflow keys in this application");

  // A file that is not a service account key stays in the dialog with its error under the field.
  await page.getByRole("button", { name: "Add key" }).click();
  const add = page.getByRole("dialog", { name: "Add Dialogflow key" });
  await add.getByLabel("Key file (.json)").setInputFiles({ name: "oauth.json", mimeType: "application/json", buffer: Buffer.from('{"type":"authorized_user"}') });
  await add.getByRole("button", { name: "Add key" }).click();
  await expect(add.locator('[data-field-error="credentials"]')).toContainText("not a service account key");
  expect(await factory.db.dialogflowKey.count({ where: { accountId: acct.id } })).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);

  await add.getByLabel("Key file (.json)").setInputFiles({ name: "key.json", mimeType: "application/json", buffer: Buffer.from(KEY_FILE) });
  await add.getByLabel("Description").fill("Support agent");
  await add.getByRole("button", { name: "Add key" }).click();
  await expect(toast(page)).toContainText(`Key ${NAME} added to bot`);
  const table = page.getByRole("table", { name: "Dialogflow keys" });
  const row = table.locator("tbody tr").filter({ hasText: PROJECT });
  await expect(row).toContainText("Support agent");
  await expect(row).toContainText(`dialogflow@${PROJECT}.iam.gserviceaccount.com`);
  expect(await page.content()).not.toContain("PRIVATE KEY");
  expect(await seriousViolations(page)).toEqual([]);

  // The same file again is refused under the field it came from, pointing at "Use an existing key".
  await page.getByRole("button", { name: "Add key" }).click();
  await add.getByLabel("Or paste the key file's contents").fill(KEY_FILE);
  await add.getByRole("button", { name: "Add key" }).click();
  await expect(add.locator('[data-field-error="pasted"]')).toContainText(`This key (${NAME}) is already in the account`);
  // A file and pasted text at once: the dialog asks for one of the two before sending anything.
  await add.getByLabel("Key file (.json)").setInputFiles({ name: "key.json", mimeType: "application/json", buffer: Buffer.from(KEY_FILE) });
  await add.getByRole("button", { name: "Add key" }).click();
  await expect(add.locator('[data-field-error="pasted"]')).toContainText("Use one of the two");
  await add.getByRole("button", { name: "Cancel" }).click();
  expect(await factory.db.dialogflowKey.count({ where: { accountId: acct.id } })).toBe(1);

  await rowMenu(page, "Edit description");
  const edit = page.getByRole("dialog", { name: `Edit the key ${NAME}` });
  await expect(edit.getByLabel("Description")).toHaveValue("Support agent");
  await edit.getByLabel("Description").fill("Support agent (EU)");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("Support agent (EU)");

  // The second application uses the same key: one key, two applications.
  await page.goto(`/applications/${ivr.id}/dialogflow`);
  await page.getByRole("button", { name: "Use an existing key" }).click();
  const existing = page.getByRole("dialog", { name: "Use an existing key" });
  await expect(existing.getByLabel("Key")).toContainText(`${NAME}: Support agent (EU)`);
  await existing.getByRole("button", { name: "Use this key" }).click();
  await expect(toast(page)).toContainText(`ivr now uses the key ${NAME}`);
  await expect(page.getByRole("table", { name: "Dialogflow keys" }).locator("tbody tr").filter({ hasText: PROJECT })).toContainText("bot");
  expect(await factory.db.dialogflowKey.count({ where: { accountId: acct.id } })).toBe(1);

  await rowMenu(page, "Remove from this application");
  const remove = page.getByRole("dialog", { name: `Remove the key ${NAME} from ivr?` });
  await expect(remove).toContainText("It stays in the account for bot.");
  await remove.getByRole("button", { name: "Remove from application" }).click();
  await expect(page.locator("[data-empty-state]")).toContainText("No Dialogflow keys in this application");
  // Offered again, since the account still holds it.
  await expect(page.getByRole("button", { name: "Use an existing key" })).toBeVisible();

  await page.goto(`/applications/${bot.id}/dialogflow`);
  await rowMenu(page, "Delete key");
  const del = page.getByRole("dialog", { name: `Delete the key ${NAME}?` });
  await del.getByRole("button", { name: "Delete key" }).click();
  await expect(page.locator("[data-empty-state]")).toContainText("No Dialogflow keys in this application");
  await expect(page.getByRole("button", { name: "Use an existing key" })).toHaveCount(0);
  expect(await factory.db.dialogflowKey.count({ where: { accountId: acct.id } })).toBe(0);
  const actions = await factory.db.auditLog.findMany({ where: { accountId: acct.id, action: { startsWith: "dialogflow_key." } }, orderBy: { id: "asc" }, select: { action: true } });
  expect(actions.map((a) => a.action)).toEqual(["dialogflow_key.create", "dialogflow_key.update", "dialogflow_key.bind", "dialogflow_key.unbind", "dialogflow_key.delete"]);

  // At the account's 100 keys, the page says why Add key is off (a disabled button shows no tooltip to keyboards).
  await factory.db.dialogflowKey.createMany({
    data: Array.from({ length: 100 }, (_, i) => ({ accountId: acct.id, projectId: PROJECT, clientEmail: `k${i}@${PROJECT}.iam.gserviceaccount.com`, privateKeyId: `limit${i}`, credentials: "{}" })),
  });
  await page.reload();
  await expect(page.locator("[data-dialogflow-limit]")).toHaveText("The account holds 100 keys, the most it may: delete one to add another.");
  await expect(page.getByRole("button", { name: "Add key" })).toBeDisabled();
});
