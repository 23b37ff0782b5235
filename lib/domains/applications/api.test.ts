// Applications over the wire: what each method changes is what the panel's own queries show,
// every validation rule answers its contract code with nothing written, the exactly-one-of pairs
// answer 458/485, and another account's ids read as not found (558) with nothing written.
// Threats: a key renaming or deleting another tenant's application; a half-done bulk delete.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { listApplications } from "./queries";
import { env } from "@/lib/core/env";
import { createTestAccount, type TestAccount } from "@/test/factories";
import { callAs, insertKey, snapshot, type TestKey } from "@/test/api-kit";
import { fixtureApp } from "./api-fixtures";
import { fixtureUser } from "../app-users/api-fixtures";
import { fixtureKv } from "../kvs/api-fixtures";

let acct: TestAccount;
let key: TestKey;
const full = (name: string) => `${name}.${acct.name}.${env().PLATFORM_DOMAIN}`;

beforeEach(async () => {
  acct = await createTestAccount();
  key = await insertKey(acct.id, ["Owner"]);
});

async function panelView() {
  const { items } = await listApplications(await acct.actor(OWNER_ROLE), {});
  return items.map((a) => ({ id: a.id, name: a.name, fullName: a.fullName, secure: a.secureRecordStorage }));
}

describe("AddApplication", () => {
  it("creates the application the panel lists, answering its full name", async () => {
    const { body } = await callAs(key, "AddApplication", { application_name: "voice-bot", secure_record_storage: "True" });
    expect(body.error).toBeUndefined();
    expect(body).toMatchObject({ result: 1, application_name: full("voice-bot"), secure_record_storage: true });
    expect(typeof body.application_id).toBe("number");
    expect(await panelView()).toEqual([{ id: body.application_id, name: "voice-bot", fullName: full("voice-bot"), secure: true }]);
    const audit = await db.auditLog.findFirst({ where: { accountId: acct.id, action: "application.create" } });
    expect(audit).toMatchObject({ actorType: "key", actorId: key.id, targetId: String(body.application_id) });
  });

  it.each([
    ["", 107],
    ["a", 107],
    ["1app", 107],
    ["My-App", 107],
    ["app_1", 107],
    ["app.x", 107],
    ["a".repeat(66), 107],
  ])("refuses the name %j with %i, writing nothing", async (name, code) => {
    const before = await snapshot(acct.id);
    const { body } = await callAs(key, "AddApplication", { application_name: name });
    expect(body.error?.code).toBe(code);
    expect(body.error?.msg).toContain("application_name");
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("a missing name is 485, a taken one 129; secure_record_storage must be a boolean", async () => {
    await fixtureApp(acct.id, "taken");
    const before = await snapshot(acct.id);
    expect((await callAs(key, "AddApplication", {})).body.error?.code).toBe(485);
    expect((await callAs(key, "AddApplication", { application_name: "taken" })).body.error?.code).toBe(129);
    expect((await callAs(key, "AddApplication", { application_name: "fresh", secure_record_storage: "yes" })).body.error?.code).toBe(101);
    expect(await snapshot(acct.id)).toEqual(before);
  });
});

describe("GetApplications", () => {
  it("lists by name with ApplicationInfo, filters by id and by a name part (short or full), pages with totals", async () => {
    const names = ["alpha", "beta", "gamma-one", "gamma-two"];
    const apps = [];
    for (const n of names) apps.push(await fixtureApp(acct.id, n));
    const other = await createTestAccount();
    await fixtureApp(other.id, "alpha");

    const all = (await callAs(key, "GetApplications", {})).body;
    expect(all).toMatchObject({ count: 4, total_count: 4 });
    const first = (all.result as Record<string, unknown>[])[0]!;
    expect(first).toEqual({ application_id: apps[0]!.id, application_name: full("alpha"), modified: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), secure_record_storage: false });

    const byId = (await callAs(key, "GetApplications", { application_id: String(apps[1]!.id) })).body;
    expect((byId.result as { application_name: string }[]).map((a) => a.application_name)).toEqual([full("beta")]);

    const part = (await callAs(key, "GetApplications", { application_name: "gamma" })).body;
    expect(part.total_count).toBe(2);
    const byFull = (await callAs(key, "GetApplications", { application_name: full("beta") })).body;
    expect(byFull.total_count).toBe(1);

    const paged = (await callAs(key, "GetApplications", { count: "2", offset: "1" })).body;
    expect(paged).toMatchObject({ count: 2, total_count: 4 });
    expect((paged.result as { application_id: number }[]).map((a) => a.application_id)).toEqual([apps[1]!.id, apps[2]!.id]);

    const foreign = (await callAs(key, "GetApplications", { application_id: String((await fixtureApp(other.id)).id) })).body;
    expect(foreign).toMatchObject({ result: [], count: 0, total_count: 0 });
  });

  it("bad paging and ids are refused", async () => {
    expect((await callAs(key, "GetApplications", { count: "0" })).body.error?.code).toBe(101);
    expect((await callAs(key, "GetApplications", { count: "1001" })).body.error?.code).toBe(101);
    expect((await callAs(key, "GetApplications", { offset: "-1" })).body.error?.code).toBe(101);
    expect((await callAs(key, "GetApplications", { application_id: "abc" })).body.error?.code).toBe(116);
  });
});

describe("SetApplicationInfo", () => {
  it("renames by id or by current name (short or full) and the panel shows it", async () => {
    const app = await fixtureApp(acct.id, "old-name");
    let r = (await callAs(key, "SetApplicationInfo", { application_id: String(app.id), application_name: "new-name" })).body;
    expect(r).toEqual({ result: 1, application_name: full("new-name"), secure_record_storage: false });
    r = (await callAs(key, "SetApplicationInfo", { required_application_name: "new-name", secure_record_storage: "1" })).body;
    expect(r).toEqual({ result: 1, application_name: full("new-name"), secure_record_storage: true });
    r = (await callAs(key, "SetApplicationInfo", { required_application_name: full("new-name"), application_name: "third" })).body;
    expect(r.application_name).toBe(full("third"));
    expect(await panelView()).toEqual([{ id: app.id, name: "third", fullName: full("third"), secure: true }]);
  });

  it("exactly one of application_id / required_application_name (458, 485); 107, 129, 558 write nothing", async () => {
    const app = await fixtureApp(acct.id, "one");
    await fixtureApp(acct.id, "two");
    const foreign = await fixtureApp((await createTestAccount()).id, "elsewhere");
    const before = await snapshot(acct.id);
    const cases: [Record<string, string>, number][] = [
      [{ application_id: String(app.id), required_application_name: "one", application_name: "x1" }, 458],
      [{ application_name: "x2" }, 485],
      [{ application_id: String(app.id), application_name: "Bad_Name" }, 107],
      [{ application_id: String(app.id), application_name: "two" }, 129],
      [{ application_id: String(foreign.id), application_name: "stolen" }, 558],
      [{ required_application_name: "elsewhere", application_name: "stolen" }, 558],
      [{ application_id: "0", application_name: "x3" }, 116],
    ];
    for (const [params, code] of cases) {
      const { body } = await callAs(key, "SetApplicationInfo", params);
      expect(body.error?.code, JSON.stringify(params)).toBe(code);
    }
    expect(await snapshot(acct.id)).toEqual(before);
    expect(await db.application.findUnique({ where: { id: foreign.id } })).toMatchObject({ name: "elsewhere" });
  });
});

describe("DelApplication", () => {
  it("deletes a list of ids with their users and items", async () => {
    const a = await fixtureApp(acct.id);
    const b = await fixtureApp(acct.id);
    const keep = await fixtureApp(acct.id, "keep");
    await fixtureUser(acct.id, a.id);
    await fixtureKv(acct.id, b.id);
    const { body } = await callAs(key, "DelApplication", { application_id: `${a.id};${b.id}` });
    expect(body).toEqual({ result: 1 });
    expect((await panelView()).map((x) => x.id)).toEqual([keep.id]);
    expect(await db.appUser.count({ where: { applicationId: a.id } })).toBe(0);
    expect(await db.kvItem.count({ where: { applicationId: b.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: "application.delete" } })).toBe(2);
  });

  it("deletes by names (repeated or ;-joined, short or full) and `all` of this account only", async () => {
    await fixtureApp(acct.id, "n-one");
    await fixtureApp(acct.id, "n-two");
    await fixtureApp(acct.id, "n-three");
    expect((await callAs(key, "DelApplication", { application_name: ["n-one", full("n-two")] })).body).toEqual({ result: 1 });
    expect((await panelView()).map((x) => x.name)).toEqual(["n-three"]);
    const other = await createTestAccount();
    const theirs = await fixtureApp(other.id);
    expect((await callAs(key, "DelApplication", { application_id: "all" })).body).toEqual({ result: 1 });
    expect(await panelView()).toEqual([]);
    expect(await db.application.findUnique({ where: { id: theirs.id } })).not.toBeNull();
  });

  it("all or nothing: one foreign or unknown id or name refuses the whole call", async () => {
    const mine = await fixtureApp(acct.id, "mine");
    await fixtureUser(acct.id, mine.id);
    const theirs = await fixtureApp((await createTestAccount()).id);
    const before = await snapshot(acct.id);
    const cases: [Record<string, string>, number][] = [
      [{ application_id: `${mine.id};${theirs.id}` }, 558],
      [{ application_id: `${mine.id};999999999` }, 558],
      [{ application_name: "mine;nope" }, 558],
      [{ application_id: `${mine.id};x` }, 116],
      [{ application_id: String(mine.id), application_name: "mine" }, 458],
      [{}, 485],
    ];
    for (const [params, code] of cases) {
      expect((await callAs(key, "DelApplication", params)).body.error?.code, JSON.stringify(params)).toBe(code);
    }
    expect(await snapshot(acct.id)).toEqual(before);
    expect(await db.application.findUnique({ where: { id: theirs.id } })).not.toBeNull();
  });
});
