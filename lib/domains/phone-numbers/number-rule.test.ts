// A number's routing rule (PRODUCT.md: number → rule → scenario): the rule of its application
// that answers its calls, chosen on its settings page, when attaching, or through
// BindPhoneNumberToApplication's rule_id / rule_name. Threats: a number routed to another
// application's or another account's rule (its scenarios would run for a stranger's caller), a
// rule left pointing into an application the number has left.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { API_ERROR } from "@/lib/api/codes";
import { callAs, insertKey } from "@/test/api-kit";
import { createTestAccount } from "@/test/factories";
import { advanceCalls, simulateInbound } from "@/lib/domains/calls/simulator";
import { fixtureAppWithRule, testClock } from "@/lib/domains/calls/call-fixtures";
import { fixtureOwnNumber, fixtureTopUp } from "./api-fixtures";
import { attachNumbers, deactivateNumbers, updateNumberSettings } from "./mutations";
import { getAccountNumber, numberRuleChoices } from "./queries";

const ANSWER = (word: string) => `
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  Logger.write("${word}");
  e.call.answer();
  e.call.addEventListener(CallEvents.Connected, () => e.call.hangup());
});`;

/** An application with two rules matching everything: "first" (position 0) and "second". */
async function twoRules(accountId: number) {
  const { app, rule: first } = await fixtureAppWithRule(accountId, ANSWER("first rule ran"));
  const scenario = await db.scenario.create({ data: { accountId, applicationId: app.id, name: `second-${app.id}`, script: ANSWER("second rule ran") } });
  const second = await db.rule.create({ data: { accountId, applicationId: app.id, name: "second", pattern: ".*", position: 1 } });
  await db.ruleScenario.create({ data: { ruleId: second.id, scenarioId: scenario.id, position: 0 } });
  return { app, first, second };
}

const ruleIdOf = async (numberId: number) => (await db.phoneNumber.findUniqueOrThrow({ where: { id: numberId }, select: { ruleId: true } })).ruleId;

describe("a number's routing rule", () => {
  it("is one of its application's rules: set on attach and in settings, kept in the same application, cleared on leaving it", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    const { app, first, second } = await twoRules(acct.id);
    const other = await twoRules(acct.id);
    const n = await fixtureOwnNumber(acct.id);

    const [attached] = await attachNumbers(owner, { numberIds: [n.id], applicationId: app.id, ruleId: second.id });
    expect(attached).toMatchObject({ applicationId: app.id, ruleId: second.id, ruleName: "second" });
    // Re-attaching to the same application without a rule keeps it; moving clears it.
    await attachNumbers(owner, { numberIds: [n.id], applicationId: app.id });
    expect(await ruleIdOf(n.id)).toBe(second.id);
    await attachNumbers(owner, { numberIds: [n.id], applicationId: other.app.id });
    expect(await ruleIdOf(n.id)).toBeNull();

    await updateNumberSettings(owner, { numberIds: [n.id], ruleId: other.first.id });
    expect((await getAccountNumber(owner, { numberId: n.id })).ruleName).toBe(other.first.name);
    await updateNumberSettings(owner, { numberIds: [n.id], ruleId: null });
    expect(await ruleIdOf(n.id)).toBeNull();
    expect(await numberRuleChoices(owner, app.id)).toEqual([
      { id: first.id, name: first.name },
      { id: second.id, name: "second" },
    ]);

    await updateNumberSettings(owner, { numberIds: [n.id], ruleId: other.second.id });
    await attachNumbers(owner, { numberIds: [n.id], applicationId: null });
    expect(await ruleIdOf(n.id)).toBeNull();
  });

  it("refuses another application's or another account's rule, and a rule for a detached number; nothing written", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    const { app } = await twoRules(acct.id);
    const other = await twoRules(acct.id);
    const stranger = await createTestAccount();
    const theirs = await twoRules(stranger.id);
    const n = await fixtureOwnNumber(acct.id);
    await attachNumbers(owner, { numberIds: [n.id], applicationId: app.id });

    for (const ruleId of [other.first.id, theirs.first.id]) {
      await expect(attachNumbers(owner, { numberIds: [n.id], applicationId: app.id, ruleId })).rejects.toMatchObject({ code: "NOT_FOUND", reason: "rule_not_found" });
      await expect(updateNumberSettings(owner, { numberIds: [n.id], ruleId, label: "changed" })).rejects.toMatchObject({ code: "NOT_FOUND", reason: "rule_not_found" });
    }
    await expect(attachNumbers(owner, { numberIds: [n.id], applicationId: null, ruleId: other.first.id })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "ruleId" });
    const loose = await fixtureOwnNumber(acct.id);
    await expect(updateNumberSettings(owner, { numberIds: [loose.id], ruleId: other.first.id })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "ruleId" });
    const row = await db.phoneNumber.findUniqueOrThrow({ where: { id: n.id } });
    expect(row).toMatchObject({ applicationId: app.id, ruleId: null, label: "" });
  });

  it("goes when the rule is deleted or the number released", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    const { app, second } = await twoRules(acct.id);
    const [a, b] = [await fixtureOwnNumber(acct.id), await fixtureOwnNumber(acct.id)];
    await attachNumbers(owner, { numberIds: [a.id, b.id], applicationId: app.id, ruleId: second.id });
    await db.rule.delete({ where: { id: second.id } });
    expect(await ruleIdOf(a.id)).toBeNull();
    const { first } = await twoRules(acct.id);
    await db.phoneNumber.update({ where: { id: b.id }, data: { applicationId: first.applicationId, ruleId: first.id } });
    await deactivateNumbers(owner, { numberIds: [b.id] });
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { id: b.id }, select: { ruleId: true, accountId: true } })).toEqual({ ruleId: null, accountId: null });
  });

  it("answers inbound calls: the chosen rule runs, not the first rule whose pattern matches", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    await fixtureTopUp(acct.id);
    const { app, first, second } = await twoRules(acct.id);
    const n = await fixtureOwnNumber(acct.id);
    await attachNumbers(owner, { numberIds: [n.id], applicationId: app.id });
    const t = testClock();
    const call = async () => {
      const s = await simulateInbound(owner, { numberId: n.id, from: "+447700900123" }, { clock: t.clock });
      await advanceCalls(t.advance(5), { accountId: acct.id });
      return db.callSession.findUniqueOrThrow({ where: { id: s.id }, select: { ruleId: true, logLines: { select: { line: true } } } });
    };
    const byPattern = await call();
    expect(byPattern.ruleId).toBe(first.id);
    expect(byPattern.logLines.map((l) => l.line)).toContain("first rule ran");
    await updateNumberSettings(owner, { numberIds: [n.id], ruleId: second.id });
    const chosen = await call();
    expect(chosen.ruleId).toBe(second.id);
    expect(chosen.logLines.map((l) => l.line)).toContain("second rule ran");
  });

  it("BindPhoneNumberToApplication takes rule_id or rule_name; an unknown rule answers 621, nothing written", async () => {
    const acct = await createTestAccount();
    const { app, second } = await twoRules(acct.id);
    const other = await twoRules(acct.id);
    const n = await fixtureOwnNumber(acct.id);
    const key = await insertKey(acct.id, ["Developer"]);
    const byName = await callAs(key, "BindPhoneNumberToApplication", { phone_id: String(n.id), application_id: String(app.id), rule_name: "second" });
    expect(byName.body).toEqual({ result: 1 });
    expect(await ruleIdOf(n.id)).toBe(second.id);
    const wrong = await callAs(key, "BindPhoneNumberToApplication", { phone_id: String(n.id), application_id: String(app.id), rule_id: String(other.first.id) });
    expect(wrong.body.error?.code).toBe(API_ERROR.INVALID_RULE);
    expect(await ruleIdOf(n.id)).toBe(second.id);
    const byId = await callAs(key, "BindPhoneNumberToApplication", { phone_id: String(n.id), application_id: String(other.app.id), rule_id: String(other.second.id) });
    expect(byId.body).toEqual({ result: 1 });
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { id: n.id }, select: { applicationId: true, ruleId: true } })).toEqual({ applicationId: other.app.id, ruleId: other.second.id });
  });

  it("BindPhoneNumberToApplication with a number the account does not hold names the parameter sent (phone_id)", async () => {
    const acct = await createTestAccount();
    const { app } = await twoRules(acct.id);
    const key = await insertKey(acct.id, ["Developer"]);
    const missing = await callAs(key, "BindPhoneNumberToApplication", { phone_id: "999999999", application_id: String(app.id) });
    expect(missing.body.error?.msg).toBe("Phone number not found (parameter 'phone_id')");
  });
});
