// The SMS pages' reads: the two-way page's conversation and when it next changes (Developer holds
// the page but not the history), the one-way page's senders, batches with their progress and one
// batch's detail, the histories' CSV export (every matching row, in order, read in batches), text
// filters that ignore case, and the matrix for each. Threats: reading another account's batches,
// reading text a ProvisioningAgent child may not.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, type SectionId } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { seededRandom } from "@/lib/core/random";
import { createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { fixtureOwnNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { fixtureCallerId } from "@/lib/domains/caller-ids/api-fixtures";
import { callerIdsAllowed, listCallerIds } from "@/lib/domains/caller-ids/queries";
import { sendA2P, sendSms } from "./mutations";
import { exportSmsHistory, getSmsBatch, listA2PSenders, listRecentTwoWay, listSmsBatches, listSmsHistory, smsCurrency, type SmsDto } from "./queries";

const T0 = new Date(Date.UTC(2026, 10, 1, 12));
const at = (seconds: number) => () => new Date(T0.getTime() + seconds * 1000);

async function collect(rows: AsyncIterable<SmsDto>): Promise<SmsDto[]> {
  const out: SmsDto[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe("the SMS pages' reads: the matrix, for every principal", () => {
  const READS: { name: string; section: SectionId; run: (a: Actor) => Promise<unknown> }[] = [
    { name: "listRecentTwoWay", section: "sms.two_way", run: (a) => listRecentTwoWay(a) },
    { name: "smsCurrency (two-way)", section: "sms.two_way", run: (a) => smsCurrency(a, "sms.two_way") },
    { name: "smsCurrency (two-way history)", section: "sms.two_way_history", run: (a) => smsCurrency(a, "sms.two_way_history") },
    { name: "listA2PSenders", section: "sms.one_way", run: (a) => listA2PSenders(a) },
    { name: "listSmsBatches", section: "sms.one_way", run: (a) => listSmsBatches(a) },
    { name: "exportSmsHistory two_way", section: "sms.two_way_history", run: (a) => exportSmsHistory(a, { kind: "two_way" }) },
    { name: "exportSmsHistory a2p", section: "sms.one_way_history", run: (a) => exportSmsHistory(a, { kind: "a2p" }) },
    { name: "callerIdsAllowed", section: "caller_ids", run: (a) => callerIdsAllowed(a) },
  ];
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  for (const r of READS) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, r.section);
      it(`${r.name} as ${role}: ${allowed ? "read" : "FORBIDDEN"}`, async () => {
        const actor = await acct.actor(role);
        if (allowed) await expect(r.run(actor)).resolves.toBeDefined();
        else await expect(r.run(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      });
    }
  }
});

describe("the two-way page's conversation", () => {
  it("shows both directions of one number, replies once due, and says when the next change is due until all is final", async () => {
    const acct = await createTestAccount();
    await fixtureTopUp(acct.id, 10_00);
    const [a, b] = [await fixtureOwnNumber(acct.id), await fixtureOwnNumber(acct.id)];
    const owner = await acct.actor("MainAccount");
    const dev = await acct.actor("Developer");
    const m = await sendSms(owner, { phoneNumberId: a.id, destination: "+14155551111", text: "ping" }, { clock: at(0), random: seededRandom(1) });
    await sendSms(owner, { phoneNumberId: b.id, destination: "+447700902222", text: "other line" }, { clock: at(0), random: seededRandom(2) });
    const plan = await db.smsMessage.findUniqueOrThrow({ where: { id: m.id } });
    const reply = await db.smsMessage.findFirstOrThrow({ where: { accountId: acct.id, direction: "in" } });

    const view = (t: Date) => listRecentTwoWay(dev, { phoneNumberId: a.id }, () => t);
    const queued = await view(T0);
    expect(queued.items.map((i) => [i.direction, i.status])).toEqual([["out", "queued"]]);
    expect(queued.nextChangeAt).toEqual(plan.sentAt);
    expect((await view(plan.sentAt)).nextChangeAt).toEqual(plan.finalAt);
    const delivered = await view(plan.finalAt);
    expect(delivered.items[0]).toMatchObject({ status: "delivered", text: "ping" });
    // Delivered, but the reply is still to come: keep polling until it is due, without showing it.
    expect(delivered.items).toHaveLength(1);
    expect(delivered.nextChangeAt).toEqual(reply.createdAt);
    const done = await view(reply.createdAt);
    expect(done.items.map((i) => [i.direction, i.status, i.source])).toEqual([
      ["in", "received", "+14155551111"],
      ["out", "delivered", a.number],
    ]);
    expect(done.nextChangeAt).toBeNull();
    // Without a number: both lines.
    expect((await listRecentTwoWay(dev, {}, () => reply.createdAt)).items).toHaveLength(3);
  });

  it("another account's messages never show", async () => {
    const acct = await createTestAccount();
    const stranger = await createTestAccount();
    await fixtureTopUp(stranger.id, 10_00);
    const theirs = await fixtureOwnNumber(stranger.id);
    await sendSms(await stranger.actor("MainAccount"), { phoneNumberId: theirs.id, destination: "+447700902222", text: "x" }, { clock: at(0), random: seededRandom(5) });
    expect(await listRecentTwoWay(await acct.actor("MainAccount"), { phoneNumberId: theirs.id }, at(60))).toEqual({ items: [], nextChangeAt: null });
  });
});

describe("the one-way page", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor("MainAccount");
    await fixtureTopUp(acct.id, 50_00);
  });

  it("offers the account's SMS numbers and its verified, unexpired caller IDs as senders", async () => {
    const a = await createTestAccount();
    const n = await fixtureOwnNumber(a.id);
    const verified = await fixtureCallerId(a.id, { verified: true });
    await fixtureCallerId(a.id);
    const expired = await fixtureCallerId(a.id, { verified: true });
    await db.callerId.update({ where: { id: expired.id }, data: { verifiedUntil: new Date(Date.now() - 1000) } });
    const senders = await listA2PSenders(await a.actor("Admin"));
    expect(senders.numbers.map((x) => x.number)).toEqual([n.number]);
    expect(senders.callerIds).toEqual([verified.number]);
  });

  it("lists batches newest first, a page at a time, filtered by sender, with progress that moves with the clock", async () => {
    const a = await createTestAccount();
    await fixtureTopUp(a.id, 10_00);
    const o = await a.actor("MainAccount");
    const first = await sendA2P(o, { sender: "Acme", destinations: ["+14155552222", "+14155550000"], text: "one" }, { clock: at(0), random: seededRandom(1) });
    const second = await sendA2P(o, { sender: "Beta", destinations: ["+447700902222"], text: "two" }, { clock: at(1), random: seededRandom(2) });
    const early = await listSmsBatches(o, { count: 1 }, at(1));
    expect(early.total).toBe(2);
    expect(early.items.map((b) => [b.id, b.counts.queued])).toEqual([[second.batchId, 1]]);
    expect(early.nextChangeAt).not.toBeNull();
    const later = await listSmsBatches(o, { offset: 1, count: 1 }, at(60));
    expect(later.items).toEqual([expect.objectContaining({ id: first.batchId, sender: "Acme", total: 2, counts: { queued: 0, sent: 0, delivered: 1, failed: 1, received: 0 } })]);
    expect(later.nextChangeAt).toBeNull();
    expect((await listSmsBatches(o, { sender: "acme" }, at(60))).items.map((b) => b.id)).toEqual([first.batchId]);
    expect((await listSmsBatches(o, { sender: "BET" }, at(60))).items.map((b) => b.id)).toEqual([second.batchId]);
    expect((await listSmsBatches(o, { dir: "asc" }, at(60))).items.map((b) => b.id)).toEqual([first.batchId, second.batchId]);
  });

  it("one batch's detail: its messages by destination, filtered, and another account's batch is not found", async () => {
    const r = await sendA2P(owner, { sender: "Acme", destinations: ["+447700902222", "+14155550000", "+4930122222"], text: "hi" }, { clock: at(0), random: seededRandom(3) });
    const detail = await getSmsBatch(owner, r.batchId, {}, at(60));
    expect(detail.batch).toMatchObject({ id: r.batchId, total: 3, counts: { delivered: 2, failed: 1, queued: 0, sent: 0 } });
    expect(detail.items.map((m) => [m.destination, m.status])).toEqual([
      ["+14155550000", "failed"],
      ["+447700902222", "delivered"],
      ["+4930122222", "delivered"],
    ]);
    expect(detail.nextChangeAt).toBeNull();
    expect((await getSmsBatch(owner, r.batchId, { status: "failed" }, at(60))).items.map((m) => m.destination)).toEqual(["+14155550000"]);
    expect((await getSmsBatch(owner, r.batchId, { destination: "4930" }, at(60))).matching).toBe(1);
    expect((await getSmsBatch(owner, r.batchId, {}, at(0))).nextChangeAt).not.toBeNull();
    const stranger = await (await createTestAccount()).actor("MainAccount");
    await expect(getSmsBatch(stranger, r.batchId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the sender filter ignores case (sender IDs are letters)", async () => {
    await sendA2P(owner, { sender: "MixedCase", destinations: ["+447700902222"], text: "x" }, { clock: at(0), random: seededRandom(4) });
    for (const source of ["mixedcase", "MIXEDCASE", "dCas"]) {
      expect((await listSmsHistory(owner, { kind: "a2p", source }, at(60))).items.map((m) => m.source)).toEqual(["MixedCase"]);
    }
  });
});

describe("the histories' CSV export", () => {
  it("yields every matching row once, in time order either way, across its read batches", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    // 1,203 rows, several sharing a moment, so the keyset must order by id within a time.
    const rows = Array.from({ length: 1203 }, (_, i) => {
      const t = new Date(T0.getTime() + Math.floor(i / 3) * 1000);
      return { accountId: acct.id, kind: "two_way", direction: i % 2 ? "in" : "out", source: "+14155550100", destination: `+4477009${String(i).padStart(5, "0")}`, text: `m${i}`, encoding: "GSM7", segments: 1, sentAt: t, finalAt: t, outcome: i % 2 ? "received" : "delivered", createdAt: t };
    });
    await db.smsMessage.createMany({ data: rows });
    const asc = await collect((await exportSmsHistory(owner, { kind: "two_way", dir: "asc" }, at(3600))).rows);
    expect(asc.map((m) => m.text)).toEqual(rows.map((r) => r.text));
    const desc = await collect((await exportSmsHistory(owner, { kind: "two_way", dir: "desc" }, at(3600))).rows);
    expect(desc.map((m) => m.text)).toEqual(rows.map((r) => r.text).reverse());
    const inbound = await collect((await exportSmsHistory(owner, { kind: "two_way", direction: "in", to: new Date(T0.getTime() + 10_000) }, at(3600))).rows);
    expect(inbound.map((m) => m.text)).toEqual(["m29", "m27", "m25", "m23", "m21", "m19", "m17", "m15", "m13", "m11", "m9", "m7", "m5", "m3", "m1"]);
  });

  it("has no text for a ProvisioningAgent child account", async () => {
    const acct = await createTestAccount();
    await fixtureTopUp(acct.id, 10_00);
    const n = await fixtureOwnNumber(acct.id);
    const owner = await acct.actor("MainAccount");
    await sendSms(owner, { phoneNumberId: n.id, destination: "+447700902222", text: "secret" }, { clock: at(0) });
    // At 8 s the message is final and any reply (10 s after delivery at the earliest) not yet due.
    expect((await exportSmsHistory(owner, { kind: "two_way" }, at(8))).textHidden).toBe(false);
    await db.account.update({ where: { id: acct.id }, data: { childRole: "ProvisioningAgent" } });
    const hidden = await exportSmsHistory(owner, { kind: "two_way" }, at(8));
    expect(hidden.textHidden).toBe(true);
    expect((await collect(hidden.rows)).map((m) => [m.text, m.textHidden])).toEqual([["", true]]);
  });
});

describe("caller IDs for the page", () => {
  it("a pending code's expiry is shown, and gone once verified", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const pending = await fixtureCallerId(acct.id);
    const [row] = (await listCallerIds(owner)).items;
    expect(row).toMatchObject({ id: pending.id, codePending: true, codeExpiresAt: pending.codeExpiresAt });
    const later = (await listCallerIds(owner, {}, () => new Date(pending.codeExpiresAt!.getTime() + 1))).items[0];
    expect(later).toMatchObject({ codePending: false, codeExpiresAt: null });
  });

  it("a Developer child account may not use them (the page explains)", async () => {
    const acct = await createTestAccount();
    expect(await callerIdsAllowed(await acct.actor("MainAccount"))).toBe(true);
    await db.account.update({ where: { id: acct.id }, data: { childRole: "Developer" } });
    expect(await callerIdsAllowed(await acct.actor("MainAccount"))).toBe(false);
  });
});
