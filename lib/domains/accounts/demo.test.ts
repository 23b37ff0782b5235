// The demo seed's service account (docs/PRODUCT.md section 10): an Owner key for the demo account
// whose credentials.json is written once, mode 600, and is the only copy of the private key.
import { execFileSync } from "node:child_process";
import { createPrivateKey, createPublicKey } from "node:crypto";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapterFactory } from "@/lib/core/db-adapter";
import { DEMO_SERVICE_ACCOUNT_ROLES } from "@/lib/access/api-roles";
import { syncCatalogue } from "@/lib/domains/phone-numbers/catalogue-sync";
import { DEMO, seedDemo } from "./demo";

// seedDemo only seeds an empty database, so this test gets its own throwaway one.
const dir = path.resolve("data/test");
const file = path.join(dir, `seed-${process.pid}-${Date.now()}.db`);
const url = `file:${file}`;
const credentials = path.join(dir, `seed-credentials-${process.pid}-${Date.now()}.json`);
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, DATABASE_URL: url } });
const db = new PrismaClient({ adapter: createAdapterFactory(url) });

afterAll(async () => {
  await db.$disconnect();
  for (const f of [file, credentials]) rmSync(f, { force: true });
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
    // A second run leaves everything alone.
    const before = readFileSync(credentials, "utf8");
    expect(await seedDemo(db, credentials)).toBe(false);
    expect(readFileSync(credentials, "utf8")).toBe(before);
    expect(await db.apiKey.count()).toBe(1);
  });
});

describe("demo seed numbers", () => {
  it("holds two catalogue numbers (one attached to sales with SMS), a verified caller ID and an SMS exchange, all charged to the ledger", async () => {
    const file2 = path.join(dir, `seed-numbers-${process.pid}-${Date.now()}.db`);
    execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, DATABASE_URL: `file:${file2}` } });
    const db2 = new PrismaClient({ adapter: createAdapterFactory(`file:${file2}`) });
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
      const expected = numbers.reduce((s, n) => s + n.setupPriceMinor + n.monthlyPriceMinor, 0) + 1;
      expect(charges._sum.amountMinor).toBe(-expected);
    } finally {
      await db2.$disconnect();
      for (const f of [file2, `${credentials}.2`]) rmSync(f, { force: true });
    }
  });
});
