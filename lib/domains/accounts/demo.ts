// The demo account (docs/PRODUCT.md section 10): fixed so a newcomer, the README and any test can
// rely on it. Seeded once, into an empty database, unless SEED_DEMO=false.
import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/core/db";
import { allRegions } from "@/lib/domains/phone-numbers/catalogue";
import { audit, seedPrincipal } from "@/lib/core/audit";
import { lockSeed } from "@/lib/core/locks";
import { env } from "@/lib/core/env";
import { ASSIGNABLE_ROLES } from "@/lib/access/matrix";
import { DEMO_SERVICE_ACCOUNT_ROLES } from "@/lib/access/api-roles";
import { hashPassword } from "@/lib/auth/passwords";
import { generateKeyPair } from "@/lib/domains/service-accounts/key-pair";
import { DEMO_SCENARIO } from "@/lib/domains/scenarios/demo-scenario";
import { addMonth, DAY_MS } from "@/lib/core/day-range";
import { SIP_REGISTRATION_MONTHLY_PRICE_MINOR } from "@/lib/domains/sip-registrations/client-safe";
import { register } from "@/lib/domains/sip-registrations/registrar";
import { demoApplePushCertificate } from "@/lib/domains/push-credentials/demo-certificate";
import { isPushProblem, pushMaterial } from "@/lib/domains/push-credentials/schemas";
import { pushSlot } from "@/lib/domains/push-credentials/client-safe";

export const DEMO = {
  accountName: "demo",
  email: "demo@switchboard.local",
  ownerPassword: "Demo-Owner-1!",
  subuserPassword: "Demo-Subuser-1!",
  /** One subuser per assignable role, named after it in lowercase, holding only that role. */
  subusers: ASSIGNABLE_ROLES.map((role) => ({ name: role.toLowerCase(), role })),
  applications: [
    { name: "sales", users: [["alice", "Alice Archer"], ["bob", "Bob Baker"], ["carol", "Carol Chen"]] },
    { name: "support", users: [["dave", "Dave Dunn"], ["erin", "Erin Evans"]] },
  ],
  userPassword: "Demo-User-1!",
  /** Opening balance credited to the ledger, in minor units. */
  openingBalanceMinor: 100_00,
  /** Numbers the demo account holds (from the catalogue, when it is loaded): region, label, application. */
  numbers: [
    { country: "US", region: "New York, NY", label: "Sales line", application: "sales", sms: true },
    { country: "GB", region: "London", label: "UK office", application: null, sms: false },
  ],
  /** A verified caller ID, usable as the outbound number of calls and SMS. */
  callerId: "+14155550100",
  /** The sales app's Apple push certificate (self-signed, shaped as Apple's), valid for about 11 months. */
  pushBundle: "com.example.sales",
  /** A service account for the Management API; its credentials.json is written once, on first seed. */
  serviceAccount: { name: "demo-owner", roles: DEMO_SERVICE_ACCOUNT_ROLES },
} as const;

/**
 * Seeds the demo account if the database has no accounts, and writes the demo service account's
 * credentials.json (mode 600) to `credentialsPath` (DEMO_CREDENTIALS_PATH, default data/demo-credentials.json: the
 * only copy of its private key). Returns whether it seeded.
 */
export async function seedDemo(db: Db, credentialsPath: string = env().DEMO_CREDENTIALS_PATH): Promise<boolean> {
  if ((await db.account.count()) > 0) return false;
  const [ownerHash, userHash, keyPair, ...subHashes] = await Promise.all([
    hashPassword(DEMO.ownerPassword),
    hashPassword(DEMO.userPassword),
    generateKeyPair(),
    ...DEMO.subusers.map(() => hashPassword(DEMO.subuserPassword)),
  ]);
  const keyId = randomUUID();
  const accountId = await db.$transaction(async (tx) => {
    // Several app servers may start on one empty database at once: one seeds, the others find it done.
    await lockSeed(tx);
    if ((await tx.account.count()) > 0) return null;
    const account = await tx.account.create({ data: { name: DEMO.accountName, email: DEMO.email, passwordHash: ownerHash! } });
    await tx.ledgerEntry.create({ data: { accountId: account.id, amountMinor: DEMO.openingBalanceMinor, kind: "credit", memo: "Demo opening balance" } });
    for (const [i, s] of DEMO.subusers.entries()) {
      await tx.subuser.create({
        data: { accountId: account.id, name: s.name, passwordHash: subHashes[i]!, description: `Demo ${s.role}`, roles: { create: [{ role: s.role }] } },
      });
    }
    for (const app of DEMO.applications) {
      const created = await tx.application.create({ data: { accountId: account.id, name: app.name } });
      for (const [name, displayName] of app.users) {
        await tx.appUser.create({ data: { accountId: account.id, applicationId: created.id, name, displayName, passwordHash: userHash! } });
      }
    }
    await seedDemoNumbers(tx, account.id);
    await seedDemoScenario(tx, account.id);
    await seedDemoPushCertificate(tx, account.id);
    await seedDemoSmartQueue(tx, account.id);
    await seedDemoSupportTicket(tx, account.id);
    const sa = DEMO.serviceAccount;
    await tx.apiKey.create({
      data: {
        id: keyId,
        accountId: account.id,
        name: sa.name,
        description: `Demo service account (${sa.roles.join(", ")}); credentials in ${credentialsPath}`,
        publicKeyPem: keyPair.publicKeyPem,
        roles: { create: sa.roles.map((role) => ({ role })) },
      },
    });
    await audit(tx, seedPrincipal(account.id), {
      action: "account.seed_demo",
      targetType: "account",
      targetId: account.id,
    });
    return account.id;
  });
  if (accountId === null) return false;
  // After the commit: the file must never name a key that does not exist. If writing fails the
  // key is merely unusable (the owner can create another), so say so and carry on.
  const credentials = { account_email: DEMO.email, account_id: accountId, key_id: keyId, private_key: keyPair.privateKeyPem };
  try {
    const file = path.resolve(credentialsPath);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(credentials, null, 2) + "\n", { mode: 0o600 });
    await chmod(file, 0o600);
  } catch (e) {
    console.error(`Could not write the demo service account's credentials to ${credentialsPath}:`, e);
  }
  return true;
}

/**
 * The sales application's scenario (answers, greets, records a message, hangs up) as its version
 * 1, and a rule routing every number and user name to it, so a call can be placed at once.
 */
async function seedDemoScenario(tx: Tx, accountId: number): Promise<void> {
  const app = await tx.application.findFirst({ where: { accountId, name: DEMO_SCENARIO.application }, select: { id: true } });
  if (!app) return;
  const { name, script, rule } = DEMO_SCENARIO;
  const scenario = await tx.scenario.create({
    data: { accountId, applicationId: app.id, name, script, versions: { create: { accountId, number: 1, script, authorName: "seed", note: "Created" } } },
  });
  const created = await tx.rule.create({
    data: { accountId, applicationId: app.id, name: rule.name, pattern: rule.pattern, position: 0, scenarios: { create: [{ scenarioId: scenario.id, position: 0 }] } },
  });
  // A registration with the office PBX whose calls run that rule, its first month charged, so the
  // SIP registration pages show a real record from the start.
  const now = new Date();
  const sip = await tx.sipRegistration.create({
    data: {
      accountId,
      sipUsername: "100",
      proxy: "pbx.example.com",
      password: "demo-pbx-secret",
      applicationId: app.id,
      ruleId: created.id,
      ...register({ proxy: "pbx.example.com", outboundProxy: "", password: "demo-pbx-secret", isPersistent: true }),
      monthlyPriceMinor: SIP_REGISTRATION_MONTHLY_PRICE_MINOR,
      purchasedAt: now,
      nextRenewalAt: addMonth(now),
    },
  });
  await tx.ledgerEntry.create({
    data: { accountId, amountMinor: -SIP_REGISTRATION_MONTHLY_PRICE_MINOR, kind: "sip_registration", memo: `SIP registration 100@pbx.example.com: the month from ${now.toISOString().slice(0, 10)}`, referenceType: "sip_registration", referenceId: String(sip.id) },
  });
}

/** The sales application's Apple push certificate, checked like an upload, so Push certificates shows a real record. */
async function seedDemoPushCertificate(tx: Tx, accountId: number): Promise<void> {
  const app = await tx.application.findFirst({ where: { accountId, name: "sales" }, select: { id: true } });
  if (!app) return;
  const now = new Date();
  const { p12, password } = demoApplePushCertificate(DEMO.pushBundle, now, new Date(now.getTime() + 330 * DAY_MS));
  const m = pushMaterial("APPLE", { certContent: p12, certPassword: password, certFileName: "sales-push.p12" });
  if (isPushProblem(m)) throw new Error(`The demo push certificate does not pass its own checks: ${m.message}`);
  await tx.pushCredential.create({ data: { accountId, ...m, applications: { create: [{ applicationId: app.id, accountId, slot: pushSlot(m) }] } } });
}

/**
 * The support application's SmartQueue: two queues, three skills, and its users dave and erin as
 * agents with skill levels, so the Queues tab shows a working set-up from the start.
 */
async function seedDemoSmartQueue(tx: Tx, accountId: number): Promise<void> {
  const app = await tx.application.findFirst({ where: { accountId, name: "support" }, select: { id: true } });
  if (!app) return;
  const scope = { accountId, applicationId: app.id };
  const queue = (name: string, agent: string, task: string, extra: { description: string; callMaxWaitingSeconds?: number; imMaxQueueSize?: number }) =>
    tx.sqQueue.create({ data: { ...scope, name, nameKey: name.toLowerCase(), callAgentSelection: agent, imAgentSelection: agent, callTaskSelection: task, imTaskSelection: task, ...extra } });
  const line = await queue("Support line", "MOST_QUALIFIED", "MAX_PRIORITY", { description: "Inbound support calls", callMaxWaitingSeconds: 300 });
  const chat = await queue("Web chat", "MAX_WAITING_TIME", "MAX_WAITING_TIME", { description: "Chats from the website", imMaxQueueSize: 50 });
  const skill = (name: string, description: string) => tx.sqSkill.create({ data: { ...scope, name, nameKey: name.toLowerCase(), description } });
  const [english, spanish, billing] = [await skill("English", "Speaks English"), await skill("Spanish", "Speaks Spanish"), await skill("Billing", "Answers invoice questions")];
  const users = new Map((await tx.appUser.findMany({ where: scope, select: { id: true, name: true } })).map((u) => [u.name, u.id]));
  const agents: [string, number[], [number, number][]][] = [
    ["dave", [line.id], [[english.id, 5], [billing.id, 3]]],
    ["erin", [line.id, chat.id], [[english.id, 4], [spanish.id, 5]]],
  ];
  for (const [name, queueIds, levels] of agents) {
    const userId = users.get(name);
    if (userId === undefined) continue;
    await tx.sqQueueAgent.createMany({ data: queueIds.map((queueId) => ({ queueId, userId, accountId })) });
    await tx.sqAgentSkill.createMany({ data: levels.map(([skillId, level]) => ({ skillId, level, userId, accountId })) });
  }
  const erin = users.get("erin");
  if (erin !== undefined) await tx.sqAgentSettings.create({ data: { userId: erin, accountId, maxSimultaneousConversations: 3 } });
}

/**
 * One answered support ticket, so Help > Support tickets shows a conversation from the start (the
 * operators answer with `npm run support`). Dated an hour and a half before the seed.
 */
async function seedDemoSupportTicket(tx: Tx, accountId: number): Promise<void> {
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  await tx.supportTicket.create({
    data: {
      accountId,
      subject: "How do incoming calls reach our support agents?",
      category: "scenarios",
      status: "answered",
      openedBy: DEMO.accountName,
      createdAt: at(90),
      lastMessageAt: at(75),
      messages: {
        create: [
          {
            accountId,
            author: DEMO.accountName,
            body: "We set up queues and agents for the support application. What makes a call to our number ring dave or erin?",
            createdAt: at(90),
          },
          {
            accountId,
            author: "Switchboard support",
            fromSupport: true,
            body: "A scenario puts the call in a queue: install the Marketplace template \"Queue to agents\" into the support application with the queue \"Support line\", then attach a number to the application. The queue rings the agent with the best skill levels first.",
            createdAt: at(75),
          },
        ],
      },
    },
  });
}

/**
 * The demo's numbers, caller ID and a short SMS conversation, so the Numbers, SMS and Billing pages
 * show real records from the start. Numbers come from the catalogue (synced before the seed); on a
 * database without it (a bare test database) the numbers and messages are skipped. Purchases are
 * charged to the ledger like any purchase.
 */
async function seedDemoNumbers(tx: Tx, accountId: number): Promise<void> {
  const now = new Date();
  const apps = new Map((await tx.application.findMany({ where: { accountId }, select: { id: true, name: true } })).map((a) => [a.name, a.id]));
  let smsFrom: { id: number; number: string } | null = null;
  for (const n of DEMO.numbers) {
    const region = allRegions().find((r) => r.country.code === n.country && r.region.name === n.region)?.region;
    const row = region ? await tx.phoneNumber.findFirst({ where: { regionId: region.id, status: "available" }, orderBy: { number: "asc" }, select: { id: true, number: true, setupPriceMinor: true, monthlyPriceMinor: true, smsSupported: true } }) : null;
    if (!row) continue;
    const renew = new Date(now);
    renew.setUTCMonth(renew.getUTCMonth() + 1);
    await tx.phoneNumber.update({
      where: { id: row.id },
      data: { status: "active", accountId, purchasedAt: now, nextRenewalAt: renew, label: n.label, applicationId: n.application ? apps.get(n.application) ?? null : null, smsEnabled: n.sms && row.smsSupported },
    });
    await tx.ledgerEntry.create({
      data: { accountId, amountMinor: -(row.setupPriceMinor + row.monthlyPriceMinor), kind: "number_purchase", memo: `${row.number}: setup fee and first month's rent`, referenceType: "phone_number", referenceId: String(row.id) },
    });
    if (n.sms && row.smsSupported) smsFrom = row;
  }
  await tx.callerId.create({ data: { accountId, number: DEMO.callerId, active: true, verifiedUntil: new Date(now.getTime() + 365 * 86_400_000) } });
  if (!smsFrom) return;
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
  const to = "+14155551111";
  const out = await tx.smsMessage.create({
    data: { accountId, kind: "two_way", direction: "out", phoneNumberId: smsFrom.id, source: smsFrom.number, destination: to, text: "Hi! Your order has shipped.", encoding: "GSM7", segments: 1, sentAt: at(59), finalAt: at(58), outcome: "delivered", costMinor: 1, createdAt: at(60) },
  });
  const charge = await tx.ledgerEntry.create({ data: { accountId, amountMinor: -1, kind: "sms", memo: `SMS to ${to} (1 segment)`, referenceType: "sms", referenceId: String(out.id) } });
  await tx.smsMessage.update({ where: { id: out.id }, data: { ledgerEntryId: charge.id } });
  await tx.smsMessage.create({
    data: { accountId, kind: "two_way", direction: "in", phoneNumberId: smsFrom.id, source: to, destination: smsFrom.number, text: "Thanks, got it!", encoding: "GSM7", segments: 1, sentAt: at(55), finalAt: at(55), outcome: "received", createdAt: at(55) },
  });
}
