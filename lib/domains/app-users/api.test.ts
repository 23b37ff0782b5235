// Application users over the wire: each method's change is what the panel's Users list shows,
// every validation rule answers its contract code with nothing written, the exactly-one-of
// pairs answer 458/485, and ids of another account (or of another application of the same
// account) read as not found with nothing written. Threats: a key editing or deleting another
// tenant's users; a username collision; a half-done bulk delete.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { listAppUsers } from "./queries";
import { env } from "@/lib/core/env";
import { verifyPassword } from "@/lib/auth/passwords";
import { createTestAccount, type TestAccount } from "@/test/factories";
import { callAs, insertKey, snapshot, type TestKey } from "@/test/api-kit";
import { fixtureApp } from "../applications/api-fixtures";
import { fixtureUser } from "./api-fixtures";

let acct: TestAccount;
let key: TestKey;
let app: { id: number; name: string };

beforeEach(async () => {
  acct = await createTestAccount();
  key = await insertKey(acct.id, ["UserManager"]);
  app = await fixtureApp(acct.id, "main");
});

async function panelUsers(applicationId = app.id) {
  const { items } = await listAppUsers(await acct.actor(OWNER_ROLE), { applicationId, orderBy: "id", withCustomData: true });
  return items.map((u) => ({ id: u.id, name: u.name, displayName: u.displayName, active: u.active, separateBalance: u.separateBalance, customData: u.customData }));
}

const VALID = { user_name: "alice", user_display_name: "Alice A", user_password: "Gr8-Passw0rd!" };

describe("AddUser", () => {
  it("creates the user the panel lists, by application id or name (short or full), with the defaults", async () => {
    const r1 = (await callAs(key, "AddUser", { ...VALID, application_id: String(app.id) })).body;
    expect(r1).toEqual({ result: 1, user_id: expect.any(Number) });
    const r2 = (await callAs(key, "AddUser", { ...VALID, user_name: "Bob", application_name: "main", user_active: "false", parent_accounting: "false", user_custom_data: "{\"x\":1}" })).body;
    const r3 = (await callAs(key, "AddUser", { ...VALID, user_name: "carol", application_name: `main.${acct.name}.${env().PLATFORM_DOMAIN}` })).body;
    expect(r3.error).toBeUndefined();
    expect(await panelUsers()).toEqual([
      { id: r1.user_id, name: "alice", displayName: "Alice A", active: true, separateBalance: false, customData: "" },
      { id: r2.user_id, name: "bob", displayName: "Alice A", active: false, separateBalance: true, customData: "{\"x\":1}" },
      { id: r3.user_id, name: "carol", displayName: "Alice A", active: true, separateBalance: false, customData: "" },
    ]);
    const row = await db.appUser.findUniqueOrThrow({ where: { id: r1.user_id as number } });
    expect(await verifyPassword(row.passwordHash, VALID.user_password)).toBe(true);
  });

  const RULES: [string, string, number][] = [
    ["user_name", "ab", 101],
    ["user_name", "-abc", 101],
    ["user_name", "a b c", 101],
    ["user_name", "", 134],
    ["user_name", "a".repeat(51), 101],
    ["user_display_name", "", 157],
    ["user_display_name", "x".repeat(256), 157],
    ["user_password", "", 463],
    ["user_password", "Short1!", 464],
    ["user_password", "nouppercase1!", 464],
    ["user_password", "Has Space1!", 524],
    ["user_password", "Password1!", 523],
    ["user_custom_data", "x".repeat(8192), 212],
    ["user_active", "maybe", 101],
    ["application_id", "0", 116],
  ];
  for (const [param, value, code] of RULES) {
    const shown = value.length > 20 ? `${value.length} characters` : JSON.stringify(value);
    it(`${param} = ${shown} answers ${code} and writes nothing`, async () => {
      const before = await snapshot(acct.id);
      const { body } = await callAs(key, "AddUser", { ...VALID, application_id: String(app.id), [param]: value });
      expect(body.error?.code, JSON.stringify(body)).toBe(code);
      expect(body.error?.msg).toContain(param);
      expect(await snapshot(acct.id)).toEqual(before);
    });
  }

  it("118 for a taken name, 485/458 for the application pair, 558 for another account's application", async () => {
    await fixtureUser(acct.id, app.id, "alice");
    const foreign = await fixtureApp((await createTestAccount()).id, "main");
    const before = await snapshot(acct.id);
    expect((await callAs(key, "AddUser", { ...VALID, application_id: String(app.id) })).body.error?.code).toBe(118);
    expect((await callAs(key, "AddUser", { ...VALID, user_name: "ALICE", application_id: String(app.id) })).body.error?.code).toBe(118);
    expect((await callAs(key, "AddUser", { ...VALID, user_name: "zed" })).body.error?.code).toBe(485);
    expect((await callAs(key, "AddUser", { ...VALID, user_name: "zed", application_id: String(app.id), application_name: "main" })).body.error?.code).toBe(458);
    expect((await callAs(key, "AddUser", { ...VALID, user_name: "zed", application_id: String(foreign.id) })).body.error?.code).toBe(558);
    expect((await callAs(key, "AddUser", { ...VALID, user_name: "zed", application_name: "nowhere" })).body.error?.code).toBe(558);
    expect(await snapshot(acct.id)).toEqual(before);
    expect(await db.appUser.count({ where: { applicationId: foreign.id } })).toBe(0);
  });
});

describe("GetUsers", () => {
  it("answers UserInfo with its application, filters, orders and pages", async () => {
    const u1 = await fixtureUser(acct.id, app.id, "zoe");
    const u2 = await fixtureUser(acct.id, app.id, "adam");
    const u3 = await db.appUser.update({ where: { id: (await fixtureUser(acct.id, app.id, "mike")).id }, data: { active: false, customData: "cd", parentAccounting: false, balanceMinor: 1234 } });
    const other = await fixtureApp(acct.id, "other");
    await fixtureUser(acct.id, other.id, "stranger");

    const all = (await callAs(key, "GetUsers", { application_id: String(app.id) })).body;
    expect(all).toMatchObject({ count: 3, total_count: 3 });
    const rows = all.result as Record<string, unknown>[];
    expect(rows.map((r) => r.user_id)).toEqual([u1.id, u2.id, u3.id]);
    expect(rows[2]).toEqual({
      user_id: u3.id,
      user_name: "mike",
      user_display_name: "User mike",
      user_active: false,
      parent_accounting: false,
      balance: 12.34,
      live_balance: 12.34,
      fixed_balance: 12.34,
      user_custom_data: "cd",
      applications: [{ application_id: app.id, application_name: `main.${acct.name}.${env().PLATFORM_DOMAIN}`, modified: expect.any(String), secure_record_storage: false }],
      created: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      modified: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    });

    const names = async (params: Record<string, string>) =>
      ((await callAs(key, "GetUsers", { application_name: "main", ...params })).body.result as { user_name: string }[]).map((r) => r.user_name);
    expect(await names({ order_by: "user_name" })).toEqual(["adam", "mike", "zoe"]);
    expect(await names({ user_name: "D" })).toEqual(["adam"]);
    expect(await names({ user_display_name: "User z" })).toEqual(["zoe"]);
    expect(await names({ user_active: "false" })).toEqual(["mike"]);
    expect(await names({ user_id: String(u2.id) })).toEqual(["adam"]);
    expect(await names({ order_by: "user_name", count: "1", offset: "1" })).toEqual(["mike"]);
  });

  it("refuses a missing or foreign application, a bad order_by and a bad user_id", async () => {
    const foreign = await fixtureApp((await createTestAccount()).id);
    expect((await callAs(key, "GetUsers", {})).body.error?.code).toBe(485);
    expect((await callAs(key, "GetUsers", { application_id: String(foreign.id) })).body.error?.code).toBe(558);
    expect((await callAs(key, "GetUsers", { application_id: String(app.id), order_by: "created" })).body.error?.code).toBe(101);
    expect((await callAs(key, "GetUsers", { application_id: String(app.id), user_id: "-3" })).body.error?.code).toBe(117);
  });
});

describe("SetUserInfo", () => {
  it("changes a user by id alone or by name within the application; the panel shows it", async () => {
    const u = await fixtureUser(acct.id, app.id, "dave");
    expect((await callAs(key, "SetUserInfo", { user_id: String(u.id), user_display_name: "Dave D", parent_accounting: "false", user_custom_data: "hello" })).body).toEqual({ result: 1 });
    expect((await callAs(key, "SetUserInfo", { user_name: "dave", application_name: "main", new_user_name: "david", user_active: "0", user_password: "N3w-Passw0rd!" })).body).toEqual({ result: 1 });
    expect(await panelUsers()).toEqual([{ id: u.id, name: "david", displayName: "Dave D", active: false, separateBalance: true, customData: "hello" }]);
    const row = await db.appUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword(row.passwordHash, "N3w-Passw0rd!")).toBe(true);
  });

  it("458/485 for the pairs, 117 for another account's or application's user, 118, and nothing written", async () => {
    const u = await fixtureUser(acct.id, app.id, "erin");
    await fixtureUser(acct.id, app.id, "frank");
    const other = await fixtureApp(acct.id, "other");
    const theirs = await fixtureUser((await createTestAccount()).id, (await fixtureApp((await createTestAccount()).id)).id, "erin");
    const before = await snapshot(acct.id);
    const cases: [Record<string, string>, number][] = [
      [{ user_id: String(u.id), user_name: "erin", application_id: String(app.id), user_display_name: "x" }, 458],
      [{ user_display_name: "x" }, 485],
      [{ user_name: "erin", user_display_name: "x" }, 485],
      [{ user_id: String(u.id), application_id: String(app.id), application_name: "main", user_display_name: "x" }, 458],
      [{ user_id: String(theirs.id), user_display_name: "x" }, 117],
      [{ user_id: String(u.id), application_id: String(other.id), user_display_name: "x" }, 117],
      [{ user_name: "nobody", application_id: String(app.id), user_display_name: "x" }, 117],
      [{ user_id: String(u.id), new_user_name: "frank" }, 118],
      [{ user_id: String(u.id), user_display_name: "" }, 157],
      [{ user_id: String(u.id), user_custom_data: "y".repeat(9000) }, 212],
      [{ user_id: String(u.id), user_password: "weak" }, 464],
    ];
    for (const [params, code] of cases) {
      expect((await callAs(key, "SetUserInfo", params)).body.error?.code, JSON.stringify(params)).toBe(code);
    }
    expect(await snapshot(acct.id)).toEqual(before);
    expect(await db.appUser.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ displayName: "User erin" });
  });

  it("names an enum's accepted values in a bad order_by", async () => {
    expect((await callAs(key, "GetUsers", { application_id: String(app.id), order_by: "bogus" })).body.error).toEqual({
      code: 101,
      msg: "Invalid 'order_by': use one of user_id, user_name or user_display_name",
    });
  });

  it("names the parameter the client sent: new_user_name for a taken new name, user_name for a user looked up by name", async () => {
    const u = await fixtureUser(acct.id, app.id, "gina");
    await fixtureUser(acct.id, app.id, "hank");
    expect((await callAs(key, "SetUserInfo", { user_id: String(u.id), new_user_name: "hank" })).body.error?.msg).toMatch(/\(parameter 'new_user_name'\)$/);
    expect((await callAs(key, "SetUserInfo", { user_name: "nobody", application_id: String(app.id), user_display_name: "x" })).body.error?.msg).toBe("User 'nobody' not found (parameter 'user_name')");
    expect((await callAs(key, "SetUserInfo", { user_id: "999999999", user_display_name: "x" })).body.error?.msg).toBe("User not found (parameter 'user_id')");
  });
});

describe("DelUser", () => {
  it("deletes ids, names within an application, `all` of one application or of the account", async () => {
    const [a, b, c, d] = [await fixtureUser(acct.id, app.id, "ua"), await fixtureUser(acct.id, app.id, "ub"), await fixtureUser(acct.id, app.id, "uc"), await fixtureUser(acct.id, app.id, "ud")];
    const other = await fixtureApp(acct.id, "other");
    const inOther = await fixtureUser(acct.id, other.id, "ux");
    expect((await callAs(key, "DelUser", { user_id: `${a.id};${b.id}` })).body).toEqual({ result: 1 });
    expect((await panelUsers()).map((u) => u.id)).toEqual([c.id, d.id]);
    expect((await callAs(key, "DelUser", { user_name: "uc", application_id: String(app.id) })).body).toEqual({ result: 1 });
    expect((await panelUsers()).map((u) => u.id)).toEqual([d.id]);
    expect((await callAs(key, "DelUser", { user_id: "all", application_name: "main" })).body).toEqual({ result: 1 });
    expect(await panelUsers()).toEqual([]);
    expect((await panelUsers(other.id)).map((u) => u.id)).toEqual([inOther.id]);
    const theirs = await fixtureUser((await createTestAccount()).id, (await fixtureApp((await createTestAccount()).id)).id);
    expect((await callAs(key, "DelUser", { user_id: "all" })).body).toEqual({ result: 1 });
    expect(await db.appUser.count({ where: { accountId: acct.id } })).toBe(0);
    expect(await db.appUser.findUnique({ where: { id: theirs.id } })).not.toBeNull();
  });

  it("all or nothing: a foreign id, an unknown name or a user of another application refuses the whole call", async () => {
    const mine = await fixtureUser(acct.id, app.id, "keeper");
    const other = await fixtureApp(acct.id, "other");
    const there = await fixtureUser(acct.id, other.id, "there");
    const theirs = await fixtureUser((await createTestAccount()).id, (await fixtureApp((await createTestAccount()).id)).id);
    const before = await snapshot(acct.id);
    const cases: [Record<string, string>, number][] = [
      [{ user_id: `${mine.id};${theirs.id}` }, 117],
      [{ user_id: `${mine.id};${there.id}`, application_id: String(app.id) }, 117],
      [{ user_name: "keeper;ghost", application_id: String(app.id) }, 117],
      [{ user_name: "keeper" }, 485],
      [{ user_id: String(mine.id), user_name: "keeper", application_id: String(app.id) }, 458],
      [{}, 485],
      [{ user_id: "1;two" }, 117],
    ];
    for (const [params, code] of cases) {
      expect((await callAs(key, "DelUser", params)).body.error?.code, JSON.stringify(params)).toBe(code);
    }
    expect(await snapshot(acct.id)).toEqual(before);
    expect(await db.appUser.findUnique({ where: { id: theirs.id } })).not.toBeNull();
  });
});

describe("TransferMoneyToUser", () => {
  let admin: TestKey;
  beforeEach(async () => {
    admin = await insertKey(acct.id, ["Admin"]);
    await db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 20_00, kind: "topup", memo: "test funds" } });
  });

  it("moves money to a separate balance and back, by id or by name; GetUsers shows the user's balance", async () => {
    const u = await fixtureUser(acct.id, app.id, "wallet", { parentAccounting: false });
    expect((await callAs(admin, "TransferMoneyToUser", { user_id: String(u.id), amount: "12.5" })).body).toEqual({ result: 1, balance: 7.5, user_balance: 12.5 });
    expect((await callAs(admin, "TransferMoneyToUser", { user_name: "wallet", application_name: "main", amount: "-2.25", currency: "usd" })).body).toEqual({
      result: 1,
      balance: 9.75,
      user_balance: 10.25,
    });
    const listed = (await callAs(admin, "GetUsers", { application_id: String(app.id), user_id: String(u.id) })).body;
    expect(listed.result).toEqual([expect.objectContaining({ user_id: u.id, parent_accounting: false, balance: 10.25, live_balance: 10.25 })]);
  });

  it("answers each refusal with its code, naming the parameter, with nothing written", async () => {
    const shared = await fixtureUser(acct.id, app.id, "shared");
    const separate = await fixtureUser(acct.id, app.id, "separate", { parentAccounting: false, balanceMinor: 1_00 });
    const other = await createTestAccount();
    const foreign = await fixtureUser(other.id, (await fixtureApp(other.id, "theirs")).id, "theirs", { parentAccounting: false });
    const before = await snapshot(acct.id);
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ user_id: String(shared.id), amount: "1" }, 573, /turn on Separate balance.*'user_id'/],
      [{ user_id: String(separate.id), amount: "20.01" }, 601, /Insufficient funds.*'amount'/],
      [{ user_id: String(separate.id), amount: "-1.01" }, 601, /balance is \$1\.00.*'amount'/],
      [{ user_id: String(separate.id), amount: "0" }, 101, /'amount'/],
      [{ user_id: String(separate.id), amount: "1.234" }, 101, /'amount'/],
      [{ user_id: String(separate.id), amount: "ten" }, 101, /'amount'/],
      [{ user_id: String(separate.id), amount: "100000.01" }, 101, /'amount'/],
      [{ user_id: String(separate.id), amount: "1", currency: "EUR" }, 101, /'currency'.*USD/],
      [{ user_id: String(foreign.id), amount: "1" }, 117, /User not found/],
      [{ user_name: "separate", amount: "1" }, 485, /application_id/],
      [{ amount: "1" }, 485, /user_id/],
      [{ user_id: String(separate.id) }, 485, /amount/],
    ];
    for (const [params, code, msg] of cases) {
      const { error } = (await callAs(admin, "TransferMoneyToUser", params)).body;
      expect(error, JSON.stringify(params)).toMatchObject({ code, msg: expect.stringMatching(msg) });
    }
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("a UserManager key (users without the money) is refused with 104", async () => {
    const u = await fixtureUser(acct.id, app.id, "wallet", { parentAccounting: false });
    const before = await snapshot(acct.id);
    expect((await callAs(key, "TransferMoneyToUser", { user_id: String(u.id), amount: "1" })).body.error).toMatchObject({ code: 104 });
    expect(await snapshot(acct.id)).toEqual(before);
  });
});
