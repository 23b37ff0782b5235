import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount } from "@/test/factories";
import { callApi, insertKey, tokenFor } from "@/test/api-kit";
import { forgetKeyUses, KEY_USE_RESOLUTION_MS, recordKeyUse } from "./api-keys";

const lastUsed = async (id: string) => (await db.apiKey.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true, updatedAt: true } }));

describe("a key's last use", () => {
  beforeEach(() => forgetKeyUses());

  it("is null until the key authenticates, then set by the API pipeline; failed tokens leave it alone", async () => {
    const acct = await createTestAccount();
    const key = await insertKey(acct.id, ["Owner"]);
    expect((await lastUsed(key.id)).lastUsedAt).toBeNull();

    const bad = await callApi("GetAccountInfo", {}, { token: (await tokenFor(key)).slice(0, -4) + "AAAA" });
    expect(bad.body.error?.code).toBe(100);
    expect((await lastUsed(key.id)).lastUsedAt).toBeNull();

    const before = Date.now();
    const ok = await callApi("GetAccountInfo", {}, { token: await tokenFor(key) });
    expect(ok.body.error).toBeUndefined();
    const used = (await lastUsed(key.id)).lastUsedAt;
    expect(used?.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("is written at most once a minute, and never moves updatedAt", async () => {
    const acct = await createTestAccount();
    const key = await insertKey(acct.id, []);
    const { updatedAt } = await lastUsed(key.id);
    const t0 = new Date("2030-01-01T00:00:00Z");
    await recordKeyUse(key.id, t0);
    await recordKeyUse(key.id, new Date(t0.getTime() + 30_000));
    expect((await lastUsed(key.id)).lastUsedAt).toEqual(t0);
    // Another app server (nothing remembered here) still finds the row fresh enough.
    forgetKeyUses();
    await recordKeyUse(key.id, new Date(t0.getTime() + 59_000));
    expect((await lastUsed(key.id)).lastUsedAt).toEqual(t0);
    const later = new Date(t0.getTime() + KEY_USE_RESOLUTION_MS + 1);
    await recordKeyUse(key.id, later);
    expect(await lastUsed(key.id)).toEqual({ lastUsedAt: later, updatedAt });
  });
});
