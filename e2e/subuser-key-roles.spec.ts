// Threat: a role taken from a subuser in the panel living on, dormant, in its API keys (issue 7).
// The owner removes a role one of the subuser's keys holds: the Edit dialog refuses with the
// API's 439 message, nothing changes; confirmed, the role goes from the subuser and its keys.
import { test, expect } from "./fixtures";
import * as subusers from "./fixtures/subusers-page";

test("removing a role a subuser's key holds needs the owner's confirmation, which strips it from the key too", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const sub = await factory.subuser({ accountId: acct.id, roles: ["Developer", "Support"] });
  const keyId = crypto.randomUUID();
  await factory.db.apiKey.create({ data: { id: keyId, accountId: acct.id, subuserId: sub.id, name: "dev-key", publicKeyPem: "x", roles: { create: [{ role: "Developer" }] } } });
  const keyRoles = async () => (await factory.db.apiKeyRole.findMany({ where: { keyId } })).map((r) => r.role);

  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto(subusers.SUBUSERS_URL);
  await subusers.rowAction(page, sub.name, /Edit description/);
  const d = subusers.dialog(page, `Edit ${sub.name}`);
  await d.locator('input[name="roles"][value="Developer"]').uncheck();
  await d.getByRole("button", { name: "Save" }).click();
  const alert = d.getByTestId("roles-held-by-keys");
  await expect(alert).toContainText("Developer");
  expect((await factory.findSubuser(acct.id, sub.name))?.roles.map((r) => r.role).sort()).toEqual(["Developer", "Support"]);
  expect(await keyRoles()).toEqual(["Developer"]);

  await alert.getByRole("button", { name: "Remove from its keys and save" }).click();
  await expect(d).toBeHidden();
  expect((await factory.findSubuser(acct.id, sub.name))?.roles.map((r) => r.role)).toEqual(["Support"]);
  expect(await keyRoles()).toEqual([]);
});
