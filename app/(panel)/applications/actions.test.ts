import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, uniq, type TestAccount, changeRowCount } from "@/test/factories";

// The server actions are public POST endpoints: whoever calls them, the wrapper must check the
// session and the section before anything is written. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { createApplicationAction, deleteApplicationAction, renameApplicationAction, setApplicationInfoAction } = await import("./actions");


async function snapshot(accountId: number) {
  return {
    apps: await db.application.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, name: true, secureRecordStorage: true } }),
    audits: await changeRowCount(accountId),
  };
}

describe("application server actions", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    { name: "createApplicationAction", section: "applications", run: () => createApplicationAction({ name: uniq("act-") }) },
    { name: "renameApplicationAction", section: "applications", run: (id: number) => renameApplicationAction({ applicationId: id, name: uniq("ren-") }) },
    { name: "setApplicationInfoAction", section: "application", run: (id: number) => setApplicationInfoAction({ applicationId: id, secureRecordStorage: true }) },
    { name: "deleteApplicationAction", section: "applications", run: (id: number) => deleteApplicationAction({ applicationId: id }) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, c.section);
      it(`${c.name} as ${role}: ${allowed ? "ok" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const app = await db.application.create({ data: { accountId: acct.id, name: uniq("a-") } });
        const before = await snapshot(acct.id);
        const r = await c.run(app.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await snapshot(acct.id)).audits).toBe(before.audits + 1);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("without a session every action is refused and nothing is written", async () => {
    const app = await db.application.create({ data: { accountId: acct.id, name: uniq("a-") } });
    const before = await snapshot(acct.id);
    for (const c of calls) expect(await c.run(app.id), c.name).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("bad input comes back as field errors, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await snapshot(acct.id);
    expect(await createApplicationAction({ name: "Bad Name" })).toEqual({ ok: false, fieldErrors: { name: expect.stringContaining("lowercase") } });
    expect(await renameApplicationAction({ applicationId: "x", name: "fine-name" })).toEqual({ ok: false, fieldErrors: { applicationId: "Invalid application id" } });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("another account's application is refused as not found", async () => {
    const other = await createTestAccount();
    const theirs = await db.application.create({ data: { accountId: other.id, name: "theirs" } });
    session.actor = asPanel(await acct.actor("MainAccount"));
    expect(await deleteApplicationAction({ applicationId: theirs.id })).toEqual({ ok: false, fieldErrors: { applicationId: "Application not found" } });
    expect(await db.application.findUnique({ where: { id: theirs.id } })).not.toBeNull();
  });
});
