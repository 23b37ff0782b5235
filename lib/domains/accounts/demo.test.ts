// The demo seed's service account (docs/PRODUCT.md section 10): an Owner key for the demo account
// whose credentials.json is written once, mode 600, and is the only copy of the private key.
import { createPrivateKey, createPublicKey } from "node:crypto";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createClient, dbKind } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { DEMO_SERVICE_ACCOUNT_ROLES } from "@/lib/access/api-roles";
import { syncCatalogue } from "@/lib/domains/phone-numbers/catalogue-sync";
import { createThrowawayDatabase } from "@/test/databases";
import { DEMO_SCENARIO } from "@/lib/domains/scenarios/demo-scenario";
import { SIP_REGISTRATION_MONTHLY_PRICE_MINOR } from "@/lib/domains/sip-registrations/client-safe";
import { DEMO, seedDemo } from "./demo";

// seedDemo only seeds an empty database, so this test gets its own throwaway one (of the run's kind).
const scratch = await createThrowawayDatabase(dbKind(), "seed", { serverUrl: env().TEST_POSTGRES_URL });
const credentials = path.resolve("data/test", `seed-credentials-${process.pid}-${Date.now()}.json`);
const db = createClient(scratch.url);

afterAll(async () => {
  await db.$disconnect();
  await scratch.dispose();
  rmSync(credentials, { force: true });
});

describe("demo seed service account", () => {
  it("creates demo-owner with the Owner role and writes its credentials.json, mode 600, once", async () => {
    expect(await seedDemo(db, credentials)).toBe(true);
    const account = await db.account.findUniqueOrThrow({ where: { name: DEMO.accountName } });
    const key = await db.apiKey.findFirstOrThrow({ where: { accountId: account.id, name: DEMO.serviceAccount.name }, include: { roles: true } });
    expect(key.subuserId).toBeNull();
    expect(key.roles.map((r) => r.role)).toEqual([...DEMO_SERVICE_ACCOUNT_ROLES]);
    expect(existsSync(credentials)).toBe(true);
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    const json = JSON.parse(readFileSync(credentials, "utf8")) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(["account_email", "account_id", "key_id", "private_key"]);
    expect(json).toMatchObject({ account_email: DEMO.email, account_id: account.id, key_id: key.id });
    const priv = createPrivateKey(String(json.private_key));
    expect(String(json.private_key)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(createPublicKey(priv).export({ type: "spki", format: "der" })).toEqual(createPublicKey(key.publicKeyPem).export({ type: "spki", format: "der" }));
    // Only the public key is in the database.
    expect(JSON.stringify(await db.apiKey.findMany())).not.toContain("PRIVATE");
    // The sales application's scenario and the rule that routes every call to it (issue 10).
    const sales = await db.application.findFirstOrThrow({ where: { accountId: account.id, name: "sales" } });
    const rules = await db.rule.findMany({ where: { applicationId: sales.id }, include: { scenarios: { include: { scenario: true } } } });
    expect(rules.map((r) => [r.name, r.pattern, r.scenarios.map((s) => s.scenario.name)])).toEqual([[DEMO_SCENARIO.rule.name, ".*", [DEMO_SCENARIO.name]]]);
    expect(await db.scenarioVersion.count({ where: { scenario: { name: DEMO_SCENARIO.name } } })).toBe(1);
    // The sales application's Apple push certificate: production, about 11 months to run (no expiry warning yet).
    const push = await db.pushCredential.findMany({ where: { accountId: account.id }, include: { applications: true } });
    expect(push.map((c) => [c.provider, c.bundle, c.isDevMode, c.certFileName, c.applications.map((a) => a.applicationId)])).toEqual([["APPLE", DEMO.pushBundle, false, "sales-push.p12", [sales.id]]]);
    expect(push[0]!.expiresAt!.getTime() - Date.now()).toBeGreaterThan(300 * 86_400_000);
    // A second run leaves everything alone.
    const before = readFileSync(credentials, "utf8");
    expect(await seedDemo(db, credentials)).toBe(false);
    expect(readFileSync(credentials, "utf8")).toBe(before);
    expect(await db.apiKey.count()).toBe(1);
    expect(await db.scenario.count()).toBe(1);
    expect(await db.rule.count()).toBe(1);
  });
});

describe("demo seed numbers", () => {
  it("holds two catalogue numbers (one attached to sales with SMS), a verified caller ID, an SMS exchange and a SIP registration, all charged to the ledger", async () => {
    const scratch2 = await createThrowawayDatabase(dbKind(), "seed-numbers", { serverUrl: env().TEST_POSTGRES_URL });
    const db2 = createClient(scratch2.url);
    try {
      await syncCatalogue(db2);
      expect(await seedDemo(db2, `${credentials}.2`)).toBe(true);
      const account = await db2.account.findUniqueOrThrow({ where: { name: DEMO.accountName } });
      const numbers = await db2.phoneNumber.findMany({ where: { accountId: account.id }, include: { application: true }, orderBy: { countryCode: "desc" } });
      expect(numbers.map((n) => [n.countryCode, n.status, n.application?.name ?? null, n.smsEnabled])).toEqual([
        ["US", "active", "sales", true],
        ["GB", "active", null, false],
      ]);
      expect(await db2.callerId.count({ where: { accountId: account.id, active: true } })).toBe(1);
      expect(await db2.smsMessage.count({ where: { accountId: account.id } })).toBe(2);
      const charges = await db2.ledgerEntry.aggregate({ where: { accountId: account.id, amountMinor: { lt: 0 } }, _sum: { amountMinor: true } });
      // The numbers, the SMS (1) and the office PBX registration's first month.
      const expected = numbers.reduce((s, n) => s + n.setupPriceMinor + n.monthlyPriceMinor, 0) + 1 + SIP_REGISTRATION_MONTHLY_PRICE_MINOR;
      expect(charges._sum.amountMinor).toBe(-expected);
      expect(await db2.sipRegistration.findMany({ where: { accountId: account.id }, select: { sipUsername: true, proxy: true, successful: true, rule: { select: { name: true } } } })).toEqual([
        { sipUsername: "100", proxy: "pbx.example.com", successful: true, rule: { name: DEMO_SCENARIO.rule.name } },
      ]);
    } finally {
      await db2.$disconnect();
      await scratch2.dispose();
      rmSync(`${credentials}.2`, { force: true });
    }
  });
});
