// Support tickets end to end in the domain: the account opens, writes, closes; the operators'
// side (`npm run support`) answers and closes, which notifies the account and writes its log
// under "Support (<name>)"; each refusal names its field with nothing written; another account's
// ticket reads as missing; the Support page's checks and summary show each reader only what its
// roles open. Threats: one account reading or writing another's ticket; a subuser learning of
// the owner's tickets through the Support page.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { auditSentence } from "@/lib/domains/audit-log/sentences";
import { createTestAccount, PRINCIPALS, refusal, type TestAccount } from "@/test/factories";
import { MAX_ACTIVE_TICKETS } from "./client-safe";
import { answerTicket, closeTicket, openTicket, operatorCloseTicket, replyToTicket } from "./mutations";
import { findTicket, listTickets, operatorTicket, operatorTicketQueue, supportChecks, ticketSummary } from "./queries";

const snapshot = async (accountId: number) => ({
  tickets: await db.supportTicket.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
  messages: await db.supportMessage.count({ where: { accountId } }),
  audits: await db.auditLog.count({ where: { accountId } }),
  notifications: await db.notification.count({ where: { accountId } }),
});

const first = { subject: "Calls to +44 fail", category: "calls" as const, message: "Since 12:00 UTC every call to +44 ends at once.\nSession 1234." };

describe("support tickets", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor(OWNER_ROLE);
  });

  it("open, answer, reply, close: statuses, messages in order, notification and log rows", async () => {
    const t0 = new Date("2026-12-04T10:00:00Z");
    const { ticketId } = await openTicket(owner, first, () => t0);
    expect(await findTicket(owner, { ticketId })).toMatchObject({
      subject: first.subject,
      category: "calls",
      status: "open",
      openedBy: owner.name,
      messageCount: 1,
      messages: [{ author: owner.name, fromSupport: false, body: first.message, createdAt: t0 }],
    });
    expect((await operatorTicketQueue()).map((t) => t.id)).toContain(ticketId);

    await answerTicket(ticketId, "Ann", "We are looking into it.", () => new Date("2026-12-04T10:05:00Z"));
    const answered = await findTicket(owner, { ticketId });
    expect(answered).toMatchObject({ status: "answered", lastMessageAt: new Date("2026-12-04T10:05:00Z"), messageCount: 2 });
    expect(answered!.messages[1]).toMatchObject({ author: "Ann", fromSupport: true, body: "We are looking into it." });
    expect((await operatorTicketQueue()).map((t) => t.id)).not.toContain(ticketId);
    expect((await operatorTicketQueue(["answered"])).find((t) => t.id === ticketId)).toMatchObject({ account: acct.name });
    const n = await db.notification.findFirstOrThrow({ where: { accountId: acct.id, kind: "support_answered" } });
    expect(JSON.parse(n.detail)).toEqual({ ticketId, subject: first.subject });

    await replyToTicket(owner, { ticketId, message: "Thanks, still failing." });
    expect(await findTicket(owner, { ticketId })).toMatchObject({ status: "open", messageCount: 3 });
    await closeTicket(owner, { ticketId });
    expect(await findTicket(owner, { ticketId })).toMatchObject({ status: "closed", closedAt: expect.any(Date) });
    // Closing again changes nothing; writing reopens.
    const closed = await snapshot(acct.id);
    await closeTicket(owner, { ticketId });
    expect(await snapshot(acct.id)).toEqual(closed);
    await replyToTicket(owner, { ticketId, message: "It is back." });
    expect(await findTicket(owner, { ticketId })).toMatchObject({ status: "open", closedAt: null });
    await operatorCloseTicket(ticketId, "Ann");
    expect(await findTicket(owner, { ticketId })).toMatchObject({ status: "closed" });

    const rows = await db.auditLog.findMany({ where: { accountId: acct.id, targetType: "support_ticket", targetId: String(ticketId) }, orderBy: { id: "asc" } });
    expect(rows.map((r) => auditSentence(r))).toEqual([
      `The account owner opened the support ticket ${first.subject} (Calls and call quality)`,
      `Support (Ann) answered the support ticket ${first.subject}`,
      `The account owner wrote to the support ticket ${first.subject}`,
      `The account owner closed the support ticket ${first.subject}`,
      `The account owner reopened the support ticket ${first.subject}`,
      `Support (Ann) closed the support ticket ${first.subject}`,
    ]);
  });

  it("lists the account's tickets, most recently active first, by status when asked", async () => {
    const a = await createTestAccount();
    const o = await a.actor(OWNER_ROLE);
    const one = await openTicket(o, { ...first, subject: "one" }, () => new Date("2026-12-01T00:00:00Z"));
    const two = await openTicket(o, { ...first, subject: "two" }, () => new Date("2026-12-02T00:00:00Z"));
    await answerTicket(one.ticketId, "Bo", "Answer", () => new Date("2026-12-03T00:00:00Z"));
    expect((await listTickets(o)).map((t) => t.subject)).toEqual(["one", "two"]);
    expect((await listTickets(o, { status: "open" })).map((t) => t.subject)).toEqual(["two"]);
    expect(await ticketSummary(o)).toEqual({ open: 1, answered: 1, closed: 0 });
    expect(two.ticketId).toBeGreaterThan(one.ticketId);
  });

  it("each refusal names its field and writes nothing", async () => {
    const { ticketId } = await openTicket(owner, first);
    const before = await snapshot(acct.id);
    // Each call made only when its turn comes: a rejection nobody awaits yet is an unhandled one.
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [() => openTicket(owner, { ...first, subject: "ab" }), "subject", /at least 3/],
      [() => openTicket(owner, { ...first, category: "weather" as "calls" }), "category", /Choose what/],
      [() => openTicket(owner, { ...first, message: "   " }), "message", /Write a message/],
      [() => openTicket(owner, { ...first, message: "x".repeat(5_001) }), "message", /at most 5,000/],
      [() => openTicket(owner, { ...first, subject: "bad\u0007bell" }), "subject", /Subject/],
      [() => replyToTicket(owner, { ticketId, message: "" }), "message", /Write a message/],
      [() => replyToTicket(owner, { ticketId: 999_999_999, message: "hi" }), "ticketId", /Ticket not found/],
      [() => closeTicket(owner, { ticketId: 999_999_999 }), "ticketId", /Ticket not found/],
      [() => answerTicket(999_999_999, "Ann", "hi"), "ticketId", /Ticket not found/],
      [() => answerTicket(ticketId, " ", "hi"), "operator", /operator's name/],
      [() => answerTicket(ticketId, "Ann", ""), "message", /Write a message/],
    ];
    for (const [p, field, message] of cases) {
      const r = await refusal(p());
      expect(r.field, r.message).toBe(field);
      expect(r.message).toMatch(message);
    }
    expect(await snapshot(acct.id)).toEqual(before);
    expect(await operatorTicket(999_999_999)).toBeNull();
  });

  it(`at most ${MAX_ACTIVE_TICKETS} open or answered at once; closing one frees its place`, async () => {
    const a = await createTestAccount();
    const o = await a.actor(OWNER_ROLE);
    const ids: number[] = [];
    for (let i = 0; i < MAX_ACTIVE_TICKETS; i++) ids.push((await openTicket(o, { ...first, subject: `ticket ${i}` })).ticketId);
    const before = await snapshot(a.id);
    expect(await refusal(openTicket(o, first))).toMatchObject({ code: "CONFLICT", field: "subject", message: expect.stringContaining(`${MAX_ACTIVE_TICKETS} tickets open`) });
    expect(await snapshot(a.id)).toEqual(before);
    await closeTicket(o, { ticketId: ids[0]! });
    await expect(openTicket(o, first)).resolves.toMatchObject({ ticketId: expect.any(Number) });
  });

  it("another account's ticket reads as missing and cannot be written to or closed", async () => {
    const { ticketId } = await openTicket(owner, first);
    const other = await createTestAccount();
    const stranger = await other.actor(OWNER_ROLE);
    const before = await snapshot(acct.id);
    expect(await findTicket(stranger, { ticketId })).toBeNull();
    expect(await listTickets(stranger)).toEqual([]);
    expect(await refusal(replyToTicket(stranger, { ticketId, message: "mine now" }))).toMatchObject({ code: "NOT_FOUND", field: "ticketId" });
    expect(await refusal(closeTicket(stranger, { ticketId }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  for (const role of PRINCIPALS) {
    it(`${role}: the tickets ${can({ roles: [role] }, "support.tickets") ? "are readable" : "stay out of reach, the summary included"}; the checks follow Calls and Logs`, async () => {
      const actor = await acct.actor(role);
      const tickets = can(actor, "support.tickets");
      if (tickets) {
        await expect(listTickets(actor)).resolves.toEqual(expect.any(Array));
        expect(await ticketSummary(actor)).toEqual({ open: expect.any(Number), answered: expect.any(Number), closed: expect.any(Number) });
      } else {
        await expect(listTickets(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(openTicket(actor, first)).rejects.toMatchObject({ code: "FORBIDDEN" });
        expect(await ticketSummary(actor)).toBeNull();
      }
      const checks = await supportChecks(actor, new Date(Date.now() - 86_400_000));
      expect(new Set(checks.map((c) => c.section))).toEqual(new Set([...(can(actor, "calls") ? ["calls"] : []), ...(can(actor, "logs") ? ["logs"] : [])]));
    });
  }

  it("the checks count the account's problem calls and refused actions since the time given, and link with the same filter", async () => {
    const a = await createTestAccount();
    const o = await a.actor(OWNER_ROLE);
    const app = await db.application.create({ data: { accountId: a.id, name: "checks" } });
    const since = new Date("2026-12-03T00:00:00Z");
    const session = (status: string, startedAt: Date) =>
      db.callSession.create({ data: { accountId: a.id, applicationId: app.id, initiator: "panel", direction: "outbound", fromNumber: "+15550001111", toNumber: "+15550002222", status, startedAt, plannedEndAt: startedAt } });
    await session("error", new Date("2026-12-03T08:00:00Z"));
    await session("error", new Date("2026-12-04T08:00:00Z"));
    await session("error", new Date("2026-12-02T23:59:59Z"));
    await session("failed", new Date("2026-12-03T09:00:00Z"));
    await session("completed", new Date("2026-12-03T09:00:00Z"));
    await db.auditLog.create({ data: { accountId: a.id, actorType: "subuser", actorId: "9", actorName: "sam", action: "panel.action_denied", outcome: "denied", createdAt: new Date("2026-12-03T10:00:00Z") } });
    const checks = await supportChecks(o, since);
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(byId["calls.error"]).toMatchObject({ count: 2, section: "calls", filter: { status: "error", from: "2026-12-03" } });
    expect(byId["calls.failed"]).toMatchObject({ count: 1 });
    expect(byId["calls.payment_required"]).toMatchObject({ count: 0 });
    expect(byId["logs.denied"]).toMatchObject({ count: 1, filter: { outcome: "denied", from: "2026-12-03" } });
  });
});
