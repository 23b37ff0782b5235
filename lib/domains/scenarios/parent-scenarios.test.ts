// A child account uses its parent's shared scenarios (seed 000's FAQ: child accounts "have
// access to your main account scenarios"; PRODUCT.md section 5). Threats: a child reading or
// binding the parent's application-only scenarios or another account's, a child editing the
// parent's scenario, a parent (or child) learning the other's rules through counts and lists, a
// parent deleting a scenario out from under a child's rule.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, uniq, type TestAccount } from "@/test/factories";
import { fixtureChild } from "@/lib/domains/child-accounts/api-fixtures";
import { createRule, bindScenarios } from "@/lib/domains/rules/mutations";
import { listRules } from "@/lib/domains/rules/queries";
import { routeCall } from "@/lib/domains/rules/routing";
import { deleteScenario, renameScenario, saveScenario } from "./mutations";
import { getScenario, listScenarios, scenarioIdsByNames } from "./queries";

const ownerOf = (a: { id: number; name: string }): Actor => ({ kind: "owner", accountId: a.id, accountName: a.name, subuserId: null, keyId: null, name: a.name, roles: ["MainAccount"], ip: "127.0.0.1" });

const scenario = (accountId: number, name: string, applicationId: number | null = null, script = `// ${name}`) =>
  db.scenario.create({ data: { accountId, applicationId, name, script } });

describe("a child account and its parent's shared scenarios", () => {
  let parent: TestAccount;
  let parentOwner: Actor;
  let child: Actor;
  let childApp: { id: number };
  let parentApp: { id: number };
  let s: Record<"parentShared" | "parentOnlyName" | "parentAppOnly" | "childOwnSameName" | "childShared" | "strangerShared" | "grandparentShared", { id: number; name: string }>;

  beforeAll(async () => {
    const grandparent = await createTestAccount();
    parent = await createTestAccount();
    await db.account.update({ where: { id: parent.id }, data: { parentId: grandparent.id } });
    parentOwner = await parent.actor("MainAccount");
    const kid = await fixtureChild(parent.id);
    child = ownerOf(kid);
    const stranger = await createTestAccount();
    parentApp = await db.application.create({ data: { accountId: parent.id, name: "parent-app" } });
    childApp = await db.application.create({ data: { accountId: kid.id, name: "child-app" } });
    s = {
      parentShared: await scenario(parent.id, "greet", null, "// the parent's greeting"),
      parentOnlyName: await scenario(parent.id, uniq("ivr-")),
      parentAppOnly: await scenario(parent.id, "parent-private", parentApp.id),
      childOwnSameName: await scenario(kid.id, "greet", null, "// the child's own greeting"),
      childShared: await scenario(kid.id, "mine"),
      strangerShared: await scenario(stranger.id, "stranger"),
      grandparentShared: await scenario(grandparent.id, "grand"),
    };
  });

  it("the child lists its own scenarios, then its parent's shared ones marked parent; nothing of the parent's applications, a stranger's or a grandparent's", async () => {
    const { items, total } = await listScenarios(child, { applicationId: childApp.id });
    expect(items.map((i) => [i.id, i.parent])).toEqual([
      [s.childOwnSameName.id, false],
      [s.childShared.id, false],
      [s.parentShared.id, true],
      [s.parentOnlyName.id, true],
    ]);
    expect(total).toBe(4);
    // Without an application, and with a name filter, the same rule.
    expect((await listScenarios(child, { namePart: "GREET" })).items.map((i) => i.id)).toEqual([s.childOwnSameName.id, s.parentShared.id]);
  });

  it("the parent never sees its children's scenarios (it sees its own parent's, one level up only)", async () => {
    const items = (await listScenarios(parentOwner)).items;
    expect(items.map((i) => i.id)).not.toContain(s.childShared.id);
    expect(items.map((i) => i.id)).not.toContain(s.childOwnSameName.id);
    expect(items.filter((i) => i.parent).map((i) => i.id)).toEqual([s.grandparentShared.id]);
  });

  it("the child reads the parent's shared text, not the parent's application-only one; it cannot save, rename or delete the parent's", async () => {
    const read = await getScenario(child, s.parentShared.id, childApp.id);
    expect(read).toMatchObject({ parent: true, script: "// the parent's greeting" });
    await expect(getScenario(child, s.parentAppOnly.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getScenario(child, s.strangerShared.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveScenario(child, { scenarioId: s.parentShared.id, script: "// hijacked" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(renameScenario(child, { scenarioId: s.parentShared.id, name: "mine-now" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteScenario(child, { scenarioId: s.parentShared.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.scenario.findUniqueOrThrow({ where: { id: s.parentShared.id } })).toMatchObject({ name: "greet", script: "// the parent's greeting" });
  });

  it("the child's rule starts the parent's shared scenario, and a call runs the parent's current text; counts and rule lists stay each account's own", async () => {
    const rule = await createRule(child, { applicationId: childApp.id, name: "inbound", pattern: ".*", scenarioIds: [s.parentShared.id] });
    await createRule(parentOwner, { applicationId: parentApp.id, name: "parent-inbound", pattern: ".*", scenarioIds: [s.parentShared.id] });
    const listed = await listRules(child, { applicationId: childApp.id, withScenarios: true });
    expect(listed.items[0]!.scenarios).toEqual([expect.objectContaining({ id: s.parentShared.id, shared: true, parent: true })]);

    const match = await routeCall(childApp.id, "+14155550100");
    expect(match).toMatchObject({ rule: { id: rule.id }, scenarios: [{ id: s.parentShared.id, script: "// the parent's greeting" }] });
    await saveScenario(parentOwner, { scenarioId: s.parentShared.id, script: "// the parent's new greeting" });
    expect((await routeCall(childApp.id, "+14155550100"))?.scenarios[0]?.script).toBe("// the parent's new greeting");

    // Each side counts and names only its own rules.
    const childView = (await listScenarios(child)).items.find((i) => i.id === s.parentShared.id)!;
    const parentView = (await listScenarios(parentOwner)).items.find((i) => i.id === s.parentShared.id)!;
    expect([childView.ruleCount, parentView.ruleCount]).toEqual([1, 1]);
    expect((await getScenario(child, s.parentShared.id)).rules.map((r) => r.name)).toEqual(["inbound"]);
    expect((await getScenario(parentOwner, s.parentShared.id)).rules.map((r) => r.name)).toEqual(["parent-inbound"]);
    // The parent's page counts its children's rules (the reason a delete is refused) without naming them; the child sees no count of others'.
    expect((await getScenario(parentOwner, s.parentShared.id)).childRuleCount).toBe(1);
    expect((await getScenario(child, s.parentShared.id)).childRuleCount).toBe(0);
  });

  it("binding: the parent's application-only scenario, a stranger's and a grandparent's are not found, nothing written", async () => {
    const rule = await createRule(child, { applicationId: childApp.id, name: uniq("r-"), pattern: "100", scenarioIds: [s.childShared.id] });
    for (const other of [s.parentAppOnly, s.strangerShared, s.grandparentShared]) {
      await expect(bindScenarios(child, { ruleId: rule.id, scenarioIds: [other.id], bind: true }), other.name).rejects.toMatchObject({ code: "NOT_FOUND", reason: "scenario_not_found" });
      await expect(createRule(child, { applicationId: childApp.id, name: uniq("r-"), pattern: "200", scenarioIds: [other.id] }), other.name).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await db.ruleScenario.findMany({ where: { ruleId: rule.id }, select: { scenarioId: true } })).toEqual([{ scenarioId: s.childShared.id }]);
    await bindScenarios(child, { ruleId: rule.id, scenarioIds: [s.parentOnlyName.id], bind: true });
    expect(await db.ruleScenario.count({ where: { ruleId: rule.id } })).toBe(2);
  });

  it("by name (the API's scenario_name): the child's own scenario of that name first, else the parent's shared one", async () => {
    expect(await scenarioIdsByNames(child, ["greet", s.parentOnlyName.name, "mine"])).toEqual([s.childOwnSameName.id, s.parentOnlyName.id, s.childShared.id]);
    await expect(scenarioIdsByNames(child, ["parent-private"])).rejects.toMatchObject({ code: "NOT_FOUND", field: "names" });
    await expect(scenarioIdsByNames(child, ["grand"])).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the parent cannot delete a shared scenario a child's rule starts: the error names the child, nothing deleted", async () => {
    const kept = await scenario(parent.id, uniq("kept-"));
    await createRule(child, { applicationId: childApp.id, name: uniq("r-"), pattern: "300", scenarioIds: [kept.id] });
    await expect(deleteScenario(parentOwner, { scenarioId: kept.id })).rejects.toMatchObject({
      code: "CONFLICT",
      reason: "scenario_in_use",
      message: expect.stringContaining(`child account ${child.accountName}`),
    });
    expect(await db.scenario.count({ where: { id: kept.id } })).toBe(1);
  });
});
