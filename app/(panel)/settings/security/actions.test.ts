import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, changeRowCount, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { fixtureAuthorizedIp } from "@/lib/domains/authorized-ips/api-fixtures";

// The server actions are public POST endpoints: whoever calls them, the wrapper must check the
// session and the section before anything is written. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { addAuthorizedIpAction, checkAuthorizedIpAction, removeAuthorizedIpAction } = await import("./actions");

async function snapshot(accountId: number) {
  return { entries: await db.authorizedIp.findMany({ where: { accountId }, orderBy: { id: "asc" } }), changes: await changeRowCount(accountId) };
}

describe("Security page server actions", () => {
  let acct: TestAccount;
  let n = 0;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    { name: "addAuthorizedIpAction", writes: true, run: () => addAuthorizedIpAction({ network: `240.0.0.${++n}`, allowed: false, description: "scanner" }) },
    { name: "removeAuthorizedIpAction", writes: true, run: async () => removeAuthorizedIpAction({ network: (await fixtureAuthorizedIp(acct.id, `240.0.1.${++n}`)).network, allowed: false }) },
    { name: "checkAuthorizedIpAction", writes: false, run: () => checkAuthorizedIpAction({ ip: "192.0.2.7" }) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "security");
      it(`${c.name} as ${role}: ${allowed ? "ok" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        await fixtureAuthorizedIp(acct.id, "240.0.2.1");
        const before = await snapshot(acct.id);
        const r = await c.run();
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await snapshot(acct.id)).changes).toBe(before.changes + (c.writes ? 1 : 0));
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          // The removal's own fixture row aside, nothing changed.
          const after = await snapshot(acct.id);
          expect(after.changes).toBe(before.changes);
          expect(after.entries.filter((e) => !e.network.startsWith("240.0.1."))).toEqual(before.entries.filter((e) => !e.network.startsWith("240.0.1.")));
        }
      });
    }
  }

  it("bad input is a field error naming it; nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await snapshot(acct.id);
    expect(await addAuthorizedIpAction({ network: "192.0.2.0/33" })).toEqual({
      ok: false,
      fieldErrors: { network: "Enter an IPv4 address (192.0.2.7) or network (192.0.2.0/24): “192.0.2.0/33” is neither" },
    });
    expect(await addAuthorizedIpAction({ network: "192.0.2.1", description: "x".repeat(201) })).toMatchObject({ ok: false, fieldErrors: { description: expect.stringContaining("200") } });
    expect(await checkAuthorizedIpAction({ ip: "nope" })).toEqual({ ok: false, fieldErrors: { ip: "Enter an IPv4 address, e.g. 192.0.2.7" } });
    await fixtureAuthorizedIp(acct.id, "192.0.2.50", true);
    expect(await addAuthorizedIpAction({ network: "192.0.2.50" })).toEqual({ ok: false, fieldErrors: { network: "192.0.2.50 is already on the allow list" } });
    const after = await snapshot(acct.id);
    expect(after.changes).toBe(before.changes);
    expect(after.entries.length).toBe(before.entries.length + 1); // the fixture's alone
  });

  it("check answers the verdict and the deciding entry; another account's lists never count", async () => {
    const [mine, other] = [await createTestAccount(), await createTestAccount()];
    await fixtureAuthorizedIp(other.id, "203.0.113.0/24", false);
    session.actor = asPanel(await mine.actor("Developer"));
    await fixtureAuthorizedIp(mine.id, "198.51.100.0/24", false);
    expect(await checkAuthorizedIpAction({ ip: "198.51.100.9" })).toEqual({ ok: true, data: { address: "198.51.100.9", allowed: false, match: { network: "198.51.100.0/24", allowed: false } } });
    expect(await checkAuthorizedIpAction({ ip: "203.0.113.9" })).toMatchObject({ ok: true, data: { allowed: true } });
  });
});
