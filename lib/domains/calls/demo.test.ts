// The demo's call history is made by the simulator: completed, unanswered and inbound sessions
// with legs, a recording and ledger charges that agree; seeding twice writes nothing more.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount } from "@/test/factories";
import { fixtureOwnNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { balanceOf, fixtureCallApp } from "./call-fixtures";
import { seedDemoCalls } from "./demo";
import { auditSentence } from "@/lib/domains/audit-log/sentences";
import { DEMO_SCENARIO } from "@/lib/domains/scenarios/demo-scenario";

describe("seedDemoCalls", () => {
  it("writes a few finished sessions through the simulator, once", async () => {
    const acct = await createTestAccount();
    const app = await fixtureCallApp(acct.id, "sales");
    const number = await fixtureOwnNumber(acct.id);
    await db.phoneNumber.update({ where: { id: number.id }, data: { applicationId: app.id } });
    await fixtureTopUp(acct.id, 100_00);
    expect(await seedDemoCalls(acct.name, "+14155550100")).toBe(3);
    const sessions = await db.callSession.findMany({ where: { accountId: acct.id }, include: { legs: true, recordings: true }, orderBy: { startedAt: "asc" } });
    expect(sessions.map((s) => [s.direction, s.status, s.ruleName])).toEqual([
      ["outbound", "completed", "demo greeting"],
      ["outbound", "no_answer", "demo greeting"],
      ["inbound", "completed", "demo greeting"],
    ]);
    expect(sessions.every((s) => s.startedAt < new Date() && s.legs.length === 1)).toBe(true);
    expect(sessions[0]!.recordings).toEqual([expect.objectContaining({ name: "greeting", mimeType: "audio/wav" })]);
    const charged = sessions.reduce((sum, s) => sum + s.costMinor, 0);
    expect(charged).toBeGreaterThan(0);
    expect(await balanceOf(acct.id)).toBe(100_00 - charged);
    // The seed's rows name it as the account seed's do, so Logs reads both as "The system".
    const rows = await db.auditLog.findMany({ where: { accountId: acct.id, actorType: "system" } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => auditSentence(r))).toEqual(rows.map(() => expect.stringMatching(/^The system /)));
    expect(new Set(rows.map((r) => `${r.actorId}/${r.actorName}/${r.ip}`))).toEqual(new Set(["seed/seed/"]));
    expect(await seedDemoCalls(acct.name, "+14155550100")).toBe(0);
  });
});

describe("seedDemoCalls with the demo scenario", () => {
  it("runs inbound calls to the sales number through the real rule and sandbox", async () => {
    const acct = await createTestAccount();
    const app = await fixtureCallApp(acct.id, "sales");
    const scenario = await db.scenario.create({ data: { accountId: acct.id, applicationId: app.id, name: DEMO_SCENARIO.name, script: DEMO_SCENARIO.script } });
    await db.rule.create({ data: { accountId: acct.id, applicationId: app.id, name: DEMO_SCENARIO.rule.name, pattern: DEMO_SCENARIO.rule.pattern, position: 0, scenarios: { create: [{ scenarioId: scenario.id, position: 0 }] } } });
    const number = await fixtureOwnNumber(acct.id);
    await db.phoneNumber.update({ where: { id: number.id }, data: { applicationId: app.id } });
    await fixtureTopUp(acct.id, 100_00);
    expect(await seedDemoCalls(acct.name, "+14155550100")).toBe(3);
    const sessions = await db.callSession.findMany({ where: { accountId: acct.id }, include: { legs: true, recordings: true, logLines: true }, orderBy: { startedAt: "asc" } });
    expect(sessions.map((s) => [s.direction, s.status, s.ruleName, s.toNumber])).toEqual(
      [0, 1, 2].map(() => ["inbound", "completed", DEMO_SCENARIO.rule.name, number.number]),
    );
    expect(sessions[0]!.recordings).toEqual([expect.objectContaining({ name: "message" })]);
    expect(sessions[0]!.logLines.map((l) => l.line).join("\n")).toContain("Call from +13125550188");
    // The caller who hung up after 6 s left before the recording.
    expect(sessions[1]!.durationSeconds).toBe(6);
    expect(await seedDemoCalls(acct.name, "+14155550100")).toBe(0);
  });
});
