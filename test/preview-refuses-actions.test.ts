// Threat: writes made through the role preview. While the account owner previews the panel as a
// role set, every server action of the panel must be refused before it reads its input, so the
// preview can show controls without any of them doing anything.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { PREVIEW_REFUSAL } from "@/lib/server/action";
import { createTestAccount, type TestAccount } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/headers", () => ({ cookies: async () => ({ set: vi.fn(), delete: vi.fn(), get: () => undefined }), headers: async () => new Headers() }));

const ROOT = path.resolve(import.meta.dirname, "..");
const PANEL = path.join(ROOT, "app", "(panel)");

function actionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const full = path.join(dir, e);
    return statSync(full).isDirectory() ? actionFiles(full) : e === "actions.ts" ? [full] : [];
  });
}

async function everything(accountId: number) {
  const [subusers, apps, users, keys, notifications, audits] = await Promise.all([
    db.subuser.findMany({ where: { accountId }, include: { roles: true } }),
    db.application.findMany({ where: { accountId } }),
    db.appUser.findMany({ where: { accountId } }),
    db.apiKey.findMany({ where: { accountId } }),
    db.notification.count({ where: { accountId } }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { subusers, apps, users, keys, notifications, audits };
}

type AnyAction = (input: unknown) => Promise<{ ok: boolean; formError?: string; fieldErrors?: Record<string, string> }>;

describe("role preview: every panel server action is refused, nothing written", () => {
  let acct: TestAccount;
  let owner: PanelActor;
  let actions: [string, AnyAction][];

  beforeAll(async () => {
    acct = await createTestAccount();
    const base = await acct.actor(OWNER_ROLE);
    owner = { ...base, kind: "owner", accountEmail: "o@test.local", sessionId: "s", sessionCreatedAt: new Date(), sessionExpiresAt: new Date(Date.now() + 3_600_000) };
    const app = await db.application.create({ data: { accountId: acct.id, name: "previewed" } });
    await db.subuser.create({ data: { accountId: acct.id, name: "someone", passwordHash: "x", roles: { create: [{ role: "Admin" }] } } });
    actions = [];
    for (const file of actionFiles(PANEL)) {
      const mod = (await import(file)) as Record<string, AnyAction>;
      for (const [name, fn] of Object.entries(mod)) if (typeof fn === "function") actions.push([`${path.relative(PANEL, file)}: ${name}`, fn]);
    }
    void app;
  });

  it("finds the panel's actions", () => {
    expect(actions.length).toBeGreaterThanOrEqual(15);
  });

  for (const previewed of [["Admin"], ["Developer", "Support"]] as const) {
    it(`previewing ${previewed.join(", ")}: each action answers the preview refusal, even with valid-looking input`, async () => {
      session.actor = { ...owner, preview: { roles: [...previewed] } };
      const before = await everything(acct.id);
      const app = await db.application.findFirstOrThrow({ where: { accountId: acct.id } });
      const sub = await db.subuser.findFirstOrThrow({ where: { accountId: acct.id } });
      const inputs = [{}, { name: "newapp", applicationId: app.id, subuserId: sub.id, roles: ["Admin"], section: "logs", password: "Str0ng-Pass!x", displayName: "D" }];
      for (const [name, fn] of actions) {
        for (const input of inputs) {
          expect(await fn(input), name).toEqual({ ok: false, formError: PREVIEW_REFUSAL });
        }
      }
      expect(await everything(acct.id)).toEqual(before);
    });
  }

  it("the same calls without a preview are not refused for that reason (the refusal is the preview's)", async () => {
    session.actor = owner;
    for (const [name, fn] of actions) expect((await fn({})).formError, name).not.toBe(PREVIEW_REFUSAL);
  });
});
