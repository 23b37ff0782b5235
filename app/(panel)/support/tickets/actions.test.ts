import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, changeRowCount, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";

// Support tickets' server actions for every principal: the account owner's alone in the seed's
// matrix (support.tickets); every other role is refused with nothing written. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { closeTicketAction, openTicketAction, replyToTicketAction } = await import("./actions");

async function snapshot(accountId: number) {
  return {
    tickets: await db.supportTicket.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    messages: await db.supportMessage.count({ where: { accountId } }),
    audits: await changeRowCount(accountId),
  };
}

const ticketOf = (accountId: number) =>
  db.supportTicket.create({
    data: { accountId, subject: "Calls fail", category: "calls", openedBy: "owner", messages: { create: { accountId, author: "owner", body: "Since noon." } } },
  });

describe("support ticket server actions", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    { name: "openTicketAction", run: () => openTicketAction({ subject: "Numbers", category: "numbers", message: "Where is my number?" }), messages: 1 },
    { name: "replyToTicketAction", run: (ticketId: number) => replyToTicketAction({ ticketId, message: "Any news?" }), messages: 1 },
    { name: "closeTicketAction", run: (ticketId: number) => closeTicketAction({ ticketId }), messages: 0 },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "support.tickets");
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const t = await ticketOf(acct.id);
        const before = await snapshot(acct.id);
        const r = await c.run(t.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          const after = await snapshot(acct.id);
          expect(after.audits).toBe(before.audits + 1);
          expect(after.messages).toBe(before.messages + c.messages);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("without a session: refused, nothing written", async () => {
    const t = await ticketOf(acct.id);
    const before = await snapshot(acct.id);
    for (const c of calls) expect(await c.run(t.id)).toMatchObject({ ok: false, formError: expect.stringContaining("session has ended") });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("bad input is refused under each field at once, with nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await snapshot(acct.id);
    const r = await openTicketAction({ subject: "x", category: "nope" as "calls", message: " " });
    expect(r).toEqual({
      ok: false,
      fieldErrors: { subject: "Subject must be at least 3 characters", category: "Choose what the request is about", message: "Write a message" },
    });
    expect(await snapshot(acct.id)).toEqual(before);
  });
});
