// GetAuditLog with the reference's names: the account's rows in a UTC range, oldest first unless
// desc_order, filtered by id, subuser, IP, action and argument text, paged with an exact total;
// another account's rows never; the range is required.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount, type TestAccount } from "@/test/factories";
import { callAs, insertKey, type TestKey } from "@/test/api-kit";
import { API_ERROR } from "@/lib/api/codes";

const T0 = Date.UTC(2026, 2, 1, 12);
const RANGE = { from_date: "2026-03-01 00:00:00", to_date: "2026-03-05 00:00:00" };

describe("GetAuditLog", () => {
  let acct: TestAccount;
  let key: TestKey;
  let ids: number[];
  beforeAll(async () => {
    acct = await createTestAccount();
    const other = await createTestAccount();
    key = await insertKey(acct.id, ["Owner"]);
    const row = (accountId: number, hours: number, data: { actorType: string; actorId: string; actorName: string; action: string; detail: object; outcome?: string; ip?: string }) =>
      db.auditLog.create({ data: { accountId, ...data, detail: JSON.stringify(data.detail), ip: data.ip ?? "10.0.0.1", createdAt: new Date(T0 + hours * 3_600_000) } });
    const rows = [
      await row(acct.id, 0, { actorType: "subuser", actorId: "42", actorName: "alice", action: "application.create", detail: { name: "Sales" } }),
      await row(acct.id, 1, { actorType: "key", actorId: key.id, actorName: "test-key", action: "api.call", detail: { method: "DelSubUser" }, outcome: "denied", ip: "192.0.2.7" }),
      await row(acct.id, 2, { actorType: "owner", actorId: String(acct.id), actorName: "owner", action: "subuser.delete", detail: { name: "bob" } }),
      // Outside the range: before it, and at its exclusive end.
      await row(acct.id, -24, { actorType: "owner", actorId: String(acct.id), actorName: "owner", action: "application.delete", detail: {} }),
      await row(acct.id, 84, { actorType: "owner", actorId: String(acct.id), actorName: "owner", action: "application.delete", detail: {} }),
    ];
    ids = rows.map((r) => r.id);
    await row(other.id, 0, { actorType: "owner", actorId: String(other.id), actorName: "owner", action: "application.create", detail: { name: "theirs" } });
  });

  it("lists the range oldest first with the reference's fields, an exact total and the timezone", async () => {
    const r = await callAs(key, "GetAuditLog", RANGE);
    expect(r.body).toMatchObject({ count: 3, total_count: 3, timezone: "UTC" });
    expect(r.body.result).toEqual([
      { audit_log_id: ids[0], account_id: acct.id, requested: "2026-03-01 12:00:00", ip: "10.0.0.1", cmd_name: "application.create", cmd_args: '{"name":"Sales"}', cmd_result: "ok", subuser_id: 42, subuser_name: "alice" },
      { audit_log_id: ids[1], account_id: acct.id, requested: "2026-03-01 13:00:00", ip: "192.0.2.7", cmd_name: "api.call", cmd_args: '{"method":"DelSubUser"}', cmd_result: "denied" },
      { audit_log_id: ids[2], account_id: acct.id, requested: "2026-03-01 14:00:00", ip: "10.0.0.1", cmd_name: "subuser.delete", cmd_args: '{"name":"bob"}', cmd_result: "ok" },
    ]);
  });

  it("filters by id, subuser, IP, action and argument text; pages newest first", async () => {
    const got = async (params: Record<string, string>) => ((await callAs(key, "GetAuditLog", { ...RANGE, ...params })).body.result as { audit_log_id: number }[]).map((r) => r.audit_log_id);
    expect(await got({ audit_log_id: `${ids[2]};${ids[3]}` })).toEqual([ids[2]]);
    expect(await got({ filtered_admin_user_id: "42" })).toEqual([ids[0]]);
    expect(await got({ filtered_ip: "192.0.2.7" })).toEqual([ids[1]]);
    expect(await got({ filtered_cmd: "subuser.delete;application.create" })).toEqual([ids[0], ids[2]]);
    expect(await got({ advanced_filters: "SALES" })).toEqual([ids[0]]);
    expect(await got({ desc_order: "true" })).toEqual([ids[2], ids[1], ids[0]]);
    const second = await callAs(key, "GetAuditLog", { ...RANGE, desc_order: "true", count: "2", offset: "2" });
    expect(second.body).toMatchObject({ count: 1, total_count: 3 });
    expect((second.body.result as { audit_log_id: number }[])[0]!.audit_log_id).toBe(ids[0]);
  });

  it("needs the range, as dates", async () => {
    const missing = await callAs(key, "GetAuditLog", { from_date: RANGE.from_date });
    expect(missing.body.error?.msg).toMatch(/to_date/);
    const bad = await callAs(key, "GetAuditLog", { ...RANGE, from_date: "yesterday" });
    expect(bad.body.error).toMatchObject({ code: API_ERROR.INVALID_DATE, msg: expect.stringMatching(/from_date/) });
  });
});
