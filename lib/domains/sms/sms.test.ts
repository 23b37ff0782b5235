// SMS and caller IDs: the matrix for every principal, the delivery simulator's course under a
// moving clock, charging by segment at the destination's price (nothing sent when it cannot be
// paid), A2P batches with per-destination results, caller ID verification codes, and the child
// roles' limits (a Developer child uses no caller IDs, a ProvisioningAgent child never sees SMS
// text). Threats: sending without paying, reading text one may not, spoofing an unverified number.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, type SectionId } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { seededRandom } from "@/lib/core/random";
import { createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { fixtureOwnNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { pricesForDestination } from "@/lib/domains/phone-numbers/catalogue";
import { activateCallerId, addCallerId, deleteCallerId, requestCallerIdCode } from "@/lib/domains/caller-ids/mutations";
import { isUsableCallerId, listCallerIds } from "@/lib/domains/caller-ids/queries";
import { controlSms, sendA2P, sendSms } from "./mutations";
import { listSmsBatches, listSmsHistory } from "./queries";

const T0 = new Date(Date.UTC(2026, 10, 1, 12));
const at = (seconds: number) => () => new Date(T0.getTime() + seconds * 1000);
const GB = "+447700900123";
const balance = async (accountId: number) => (await db.ledgerEntry.aggregate({ where: { accountId }, _sum: { amountMinor: true } }))._sum.amountMinor ?? 0;

/** The code the simulator "sent" to a caller ID, read from the account's notifications. */
async function lastCode(accountId: number): Promise<string> {
  const n = await db.notification.findFirst({ where: { accountId, kind: "caller_id_code" }, orderBy: { id: "desc" } });
  return (JSON.parse(n!.detail) as { code: string }).code;
}

type Case = { name: string; section: SectionId; run: (a: Actor, acct: TestAccount) => Promise<unknown> };
const CASES: Case[] = [
  { name: "sendSms", section: "sms.two_way", run: async (a, acct) => sendSms(a, { phoneNumberId: (await fixtureOwnNumber(acct.id)).id, destination: GB, text: "hi" }, { clock: at(0), random: seededRandom(1) }) },
  { name: "sendA2P", section: "sms.one_way", run: (a) => sendA2P(a, { sender: "Acme", destinations: [GB], text: "hello" }, { clock: at(0), random: seededRandom(1) }) },
  { name: "controlSms", section: "sms.two_way", run: async (a, acct) => controlSms(a, { number: (await fixtureOwnNumber(acct.id)).number, enabled: false }) },
  { name: "addCallerId", section: "caller_ids", run: (a) => addCallerId(a, { number: `+1415555${String(Math.floor(Math.random() * 1e4)).padStart(4, "0")}` }, { random: seededRandom(2) }) },
];

describe("SMS and caller ID mutations: the matrix, for every principal", () => {
  for (const c of CASES) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, c.section);
      it(`${c.name} as ${role}: ${allowed ? "allowed" : "FORBIDDEN, nothing written"}`, async () => {
        const acct = await createTestAccount();
        await fixtureTopUp(acct.id, 10_00);
        const actor = await acct.actor(role);
        const count = async () => [await db.ledgerEntry.count({ where: { accountId: acct.id } }), await db.auditLog.count({ where: { accountId: acct.id } }), await db.smsMessage.count({ where: { accountId: acct.id } }), await db.callerId.count({ where: { accountId: acct.id } })];
        const before = await count();
        if (allowed) {
          await c.run(actor, acct);
          expect((await count())[1]).toBe(before[1]! + 1);
        } else {
          await expect(c.run(actor, acct)).rejects.toMatchObject({ code: "FORBIDDEN" });
          expect(await count()).toEqual(before);
        }
      });
    }
  }
});

describe("two-way SMS", () => {
  let acct: TestAccount;
  let owner: Actor;
  let from: { id: number; number: string };
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor("MainAccount");
    await fixtureTopUp(acct.id, 10_00);
    from = await fixtureOwnNumber(acct.id);
  });

  it("charges its segments at the destination's price and moves queued, sent, delivered as the clock moves", async () => {
    const before = await balance(acct.id);
    const text = "ж".repeat(71);
    const m = await sendSms(owner, { phoneNumberId: from.id, destination: GB, text }, { clock: at(0), random: seededRandom(7) });
    const price = pricesForDestination(GB).smsOutboundPerSegmentMinor;
    expect(m).toMatchObject({ segments: 2, costMinor: 2 * price });
    expect(await balance(acct.id)).toBe(before - 2 * price);
    const plan = await db.smsMessage.findUniqueOrThrow({ where: { id: m.id }, select: { sentAt: true, finalAt: true } });
    const statusAt = async (t: Date) => (await listSmsHistory(owner, { kind: "two_way", ids: [m.id] }, () => t)).items[0]?.status;
    expect(await statusAt(T0)).toBe("queued");
    expect(await statusAt(new Date(plan.sentAt.getTime() - 1))).toBe("queued");
    expect(await statusAt(plan.sentAt)).toBe("sent");
    expect(await statusAt(plan.finalAt)).toBe("delivered");
    expect(plan.finalAt.getTime() - T0.getTime()).toBeLessThanOrEqual(7000);
    expect((await listSmsHistory(owner, { kind: "two_way", status: "delivered", ids: [m.id] }, at(10))).total).toBe(1);
    expect((await listSmsHistory(owner, { kind: "two_way", status: "queued", ids: [m.id] }, at(10))).total).toBe(0);
  });

  it("fails for the failing test destination, and the replying one answers later", async () => {
    const failing = await sendSms(owner, { phoneNumberId: from.id, destination: "+14155550000", text: "x" }, { clock: at(0), random: seededRandom(3) });
    const item = (await listSmsHistory(owner, { kind: "two_way", ids: [failing.id] }, at(60))).items[0]!;
    expect(item).toMatchObject({ status: "failed" });
    expect(item.errorMessage).toMatch(/Undeliverable/);
    await sendSms(owner, { phoneNumberId: from.id, destination: "+14155551111", text: "ping" }, { clock: at(100), random: seededRandom(4) });
    const replies = (t: number) => listSmsHistory(owner, { kind: "two_way", direction: "in", number: "4155551111" }, at(t));
    expect((await replies(101)).total).toBe(0);
    const later = await replies(200);
    expect(later.total).toBe(1);
    expect(later.items[0]).toMatchObject({ status: "received", source: "+14155551111", destination: from.number });
  });

  it("a message the balance cannot pay for is not sent, and nothing is written", async () => {
    const poor = await createTestAccount();
    const n = await fixtureOwnNumber(poor.id);
    const p = await poor.actor("MainAccount");
    await expect(sendSms(p, { phoneNumberId: n.id, destination: GB, text: "hi" })).rejects.toMatchObject({ reason: "insufficient_funds" });
    expect(await db.smsMessage.count({ where: { accountId: poor.id } })).toBe(0);
  });

  it("is sent only from the account's own active numbers with SMS on", async () => {
    const stranger = await createTestAccount();
    const theirs = await fixtureOwnNumber(stranger.id);
    await expect(sendSms(owner, { phoneNumberId: theirs.id, destination: GB, text: "hi" })).rejects.toMatchObject({ reason: "sms_source_invalid" });
    await controlSms(owner, { number: from.number, enabled: false });
    await expect(sendSms(owner, { source: from.number, destination: GB, text: "hi" })).rejects.toMatchObject({ reason: "sms_source_invalid" });
    await controlSms(owner, { number: from.number, enabled: true });
    await expect(sendSms(owner, { phoneNumberId: from.id, destination: "12345", text: "hi" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "destination" });
    await expect(sendSms(owner, { phoneNumberId: from.id, destination: GB, text: "x".repeat(153 * 10 + 1) })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "text" });
  });

  it("keeps no text when asked not to, and shows none to a ProvisioningAgent child account", async () => {
    const quiet = await sendSms(owner, { phoneNumberId: from.id, destination: GB, text: "secret", storeBody: false }, { clock: at(0), random: seededRandom(9) });
    expect((await listSmsHistory(owner, { kind: "two_way", ids: [quiet.id] }, at(60))).items[0]?.text).toBe("");
    const shown = await sendSms(owner, { phoneNumberId: from.id, destination: GB, text: "visible" }, { clock: at(0), random: seededRandom(9) });
    expect((await listSmsHistory(owner, { kind: "two_way", ids: [shown.id] }, at(60))).items[0]?.text).toBe("visible");
    await db.account.update({ where: { id: acct.id }, data: { childRole: "ProvisioningAgent" } });
    const hidden = (await listSmsHistory(owner, { kind: "two_way", ids: [shown.id] }, at(60))).items[0]!;
    expect(hidden).toMatchObject({ text: "", textHidden: true, segments: 1 });
    await db.account.update({ where: { id: acct.id }, data: { childRole: null } });
  });
});

describe("one-way (A2P) SMS", () => {
  it("sends to every valid destination, reports the rest, charges once for all, and shows progress", async () => {
    const acct = await createTestAccount();
    await fixtureTopUp(acct.id, 10_00);
    const owner = await acct.actor("MainAccount");
    const before = await balance(acct.id);
    const r = await sendA2P(owner, { sender: "Acme Ltd", destinations: [GB, "+14155550000", "nope", GB, "+4930123456"], text: "Sale!" }, { clock: at(0), random: seededRandom(11) });
    expect(r.sent.map((s) => s.destination)).toEqual([GB, "+14155550000", "+4930123456"]);
    expect(r.failed.map((f) => f.destination)).toEqual(["nope", GB]);
    const expected = [GB, "+14155550000", "+4930123456"].reduce((s, d) => s + pricesForDestination(d).smsOutboundPerSegmentMinor, 0);
    expect(r.costMinor).toBe(expected);
    expect(await balance(acct.id)).toBe(before - expected);
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id, kind: "sms" } })).toBe(1);
    const {
      items: [batch],
    } = await listSmsBatches(owner, {}, at(60));
    expect(batch).toMatchObject({ id: r.batchId, total: 3 });
    expect(batch!.counts.failed).toBeGreaterThanOrEqual(1);
    expect(batch!.counts.delivered + batch!.counts.failed).toBe(3);
    expect((await listSmsHistory(owner, { kind: "a2p", batchId: r.batchId }, at(60))).total).toBe(3);
  });

  it("a numeric sender must be the account's SMS number or a verified caller ID", async () => {
    const acct = await createTestAccount();
    await fixtureTopUp(acct.id, 10_00);
    const owner = await acct.actor("MainAccount");
    await expect(sendA2P(owner, { sender: "+14155550199", destinations: [GB], text: "x" })).rejects.toMatchObject({ reason: "sms_source_invalid", field: "sender" });
    await addCallerId(owner, { number: "+14155550199" }, { random: seededRandom(5) });
    await activateCallerId(owner, { callerIdId: (await listCallerIds(owner)).items[0]!.id, code: await lastCode(acct.id) });
    await expect(sendA2P(owner, { sender: "+1 415 555 0199", destinations: [GB], text: "x" })).resolves.toMatchObject({ sent: [{ destination: GB }] });
    await expect(sendA2P(owner, { sender: "A", destinations: [GB], text: "x" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "sender" });
    // Without its "+" a number is still a number: checked as one, and kept in E.164.
    await expect(sendA2P(owner, { sender: "14155550177", destinations: [GB], text: "x" })).rejects.toMatchObject({ reason: "sms_source_invalid", field: "sender" });
    const plain = await sendA2P(owner, { sender: "14155550199", destinations: [GB], text: "x" });
    expect((await db.smsBatch.findUniqueOrThrow({ where: { id: plain.batchId }, select: { sender: true } })).sender).toBe("+14155550199");
    // Digits that make no E.164 number are neither a number nor a sender ID.
    await expect(sendA2P(owner, { sender: "0123456789", destinations: [GB], text: "x" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "sender" });
  });
});

describe("caller IDs", () => {
  it("are verified with the simulator's code: wrong codes cost tries, the right one activates, and only then is the number usable", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const cid = await addCallerId(owner, { number: "+1 (415) 555-0142" }, { clock: at(0), random: seededRandom(21) });
    expect(cid).toMatchObject({ number: "+14155550142", active: false, codePending: true, codeAttemptsLeft: 3 });
    const code = await lastCode(acct.id);
    expect(code).toMatch(/^\d{6}$/);
    expect(await isUsableCallerId(db, acct.id, "+14155550142", at(0)())).toBe(false);
    const wrong = code === "000000" ? "111111" : "000000";
    await expect(activateCallerId(owner, { callerIdId: cid.id, code: wrong }, at(1))).rejects.toMatchObject({ field: "code", reason: "caller_id_code_wrong", message: /2 tries left/ });
    await expect(activateCallerId(owner, { callerIdId: cid.id, code }, at(11 * 60))).rejects.toMatchObject({ reason: "caller_id_code_wrong", message: /send a new code/ });
    await requestCallerIdCode(owner, { callerIdId: cid.id }, { clock: at(700), random: seededRandom(22) });
    const active = await activateCallerId(owner, { callerIdId: cid.id, code: await lastCode(acct.id) }, at(701));
    expect(active).toMatchObject({ active: true, codePending: false });
    expect(await isUsableCallerId(db, acct.id, "+14155550142", at(702)())).toBe(true);
    await expect(addCallerId(owner, { number: "+14155550142" })).rejects.toMatchObject({ code: "CONFLICT", field: "number" });
    const stranger = await (await createTestAccount()).actor("MainAccount");
    await expect(deleteCallerId(stranger, { callerIdId: cid.id })).rejects.toMatchObject({ code: "NOT_FOUND", reason: "caller_id_not_found" });
    await deleteCallerId(owner, { callerIdId: cid.id });
    expect((await listCallerIds(owner)).total).toBe(0);
  });

  it("are not for a Developer child account (seed 004)", async () => {
    const acct = await createTestAccount();
    await db.account.update({ where: { id: acct.id }, data: { childRole: "Developer" } });
    const owner = await acct.actor("MainAccount");
    await expect(addCallerId(owner, { number: "+14155550143" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listCallerIds(owner)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
