// Every substring filter of the panel and the Management API ignores ASCII letter case on every
// database. SQLite's LIKE does so by itself; PostgreSQL's does not, so each filter goes through
// ignoreCase() (lib/core/search.ts). npm test runs this file on better-sqlite3, libSQL and
// PostgreSQL; the last test keeps new filters from bypassing the helper.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { listApplications } from "@/lib/domains/applications/queries";
import { listAppUsers } from "@/lib/domains/app-users/queries";
import { listChildAccounts } from "@/lib/domains/child-accounts/queries";
import { listAuditLog } from "@/lib/domains/audit-log/queries";
import { getLedger } from "@/lib/domains/billing/queries";
import { createTestAccount, TEST_PASSWORD_HASH, uniq } from "@/test/factories";

const ROOT = path.resolve(import.meta.dirname, "..");

async function owner() {
  const acct = await createTestAccount();
  return { acct, actor: await acct.actor(OWNER_ROLE) };
}

describe("case-insensitive filters", () => {
  it("applications by name part (GetApplications application_name)", async () => {
    const { acct, actor } = await owner();
    await db.application.createMany({ data: [{ accountId: acct.id, name: "Sales-Desk" }, { accountId: acct.id, name: "support" }] });
    for (const part of ["sales", "SALES", "s-D"]) {
      expect((await listApplications(actor, { namePart: part })).items.map((a) => a.name)).toEqual(["Sales-Desk"]);
    }
  });

  it("application users by user name part and display name part (GetUsers user_name, user_display_name)", async () => {
    const { acct, actor } = await owner();
    const app = await db.application.create({ data: { accountId: acct.id, name: "calls" } });
    const base = { accountId: acct.id, applicationId: app.id, passwordHash: TEST_PASSWORD_HASH };
    await db.appUser.createMany({
      data: [
        { ...base, name: "alice-archer", displayName: "Alice Archer" },
        { ...base, name: "bob-baker", displayName: "Bob BAKER" },
      ],
    });
    for (const part of ["ALICE", "Alice", "e-Ar"]) {
      expect((await listAppUsers(actor, { applicationId: app.id, namePart: part })).items.map((u) => u.name)).toEqual(["alice-archer"]);
    }
    for (const part of ["baker", "BAKER", "b baK"]) {
      expect((await listAppUsers(actor, { applicationId: app.id, displayNamePart: part })).items.map((u) => u.name)).toEqual(["bob-baker"]);
    }
  });

  it("child accounts by name part and email part (GetChildrenAccounts child_account_name, child_account_email)", async () => {
    const { acct, actor } = await owner();
    const name = uniq("Kid-");
    await db.account.create({ data: { name, email: `${name}@Example.Test`, passwordHash: TEST_PASSWORD_HASH, parentId: acct.id } });
    await db.account.create({ data: { name: uniq("other-"), email: `${uniq("o")}@other.test`, passwordHash: TEST_PASSWORD_HASH, parentId: acct.id } });
    for (const part of [name.toLowerCase(), name.toUpperCase()]) {
      expect((await listChildAccounts(actor, { namePart: part })).items.map((c) => c.name)).toEqual([name]);
    }
    for (const part of ["example.test", "EXAMPLE.TEST", "@ExAmPlE"]) {
      expect((await listChildAccounts(actor, { emailPart: part })).items.map((c) => c.name)).toEqual([name]);
    }
  });

  it("the audit log by action or actor name (Logs search)", async () => {
    const { acct, actor } = await owner();
    const row = { accountId: acct.id, actorType: "system", actorId: "0" };
    await db.auditLog.createMany({
      data: [
        { ...row, actorName: "Mixed-Case-Actor", action: "probe.one" },
        { ...row, actorName: "plain", action: "Probe.MixedAction" },
        { ...row, actorName: "plain", action: "other.thing" },
      ],
    });
    for (const q of ["mixed-case", "MIXED-CASE-ACTOR"]) expect((await listAuditLog(actor, { q })).rows.map((r) => r.actorName)).toEqual(["Mixed-Case-Actor"]);
    for (const q of ["probe.mixedaction", "PROBE.MIXED"]) expect((await listAuditLog(actor, { q })).rows.map((r) => r.action)).toEqual(["Probe.MixedAction"]);
  });

  it("the ledger by kind or memo (Billing search)", async () => {
    const { acct, actor } = await owner();
    await db.ledgerEntry.createMany({
      data: [
        { accountId: acct.id, amountMinor: 500, kind: "Refund", memo: "x" },
        { accountId: acct.id, amountMinor: 700, kind: "credit", memo: "Opening Balance" },
      ],
    });
    for (const q of ["REFUND", "refund"]) expect((await getLedger(actor, { q })).rows.map((r) => r.amountMinor)).toEqual([500]);
    for (const q of ["opening balance", "OPENING"]) expect((await getLedger(actor, { q })).rows.map((r) => r.amountMinor)).toEqual([700]);
  });

  it("every contains/startsWith filter in lib/ and app/ goes through ignoreCase()", () => {
    const files = ["lib", "app"].flatMap((dir) => walk(path.join(ROOT, dir))).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes(`${path.sep}generated${path.sep}`) && !f.endsWith(path.join("lib", "core", "search.ts")));
    const bare = files.flatMap((f) => {
      const text = readFileSync(f, "utf8");
      return [...text.matchAll(/(\w+\()?\{\s*(contains|startsWith)\s*:/g)].filter((m) => m[1] !== "ignoreCase(").map(() => path.relative(ROOT, f));
    });
    expect(bare).toEqual([]);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
