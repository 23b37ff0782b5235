// Each kind of notification the domains write becomes a typed detail for the Notifications page,
// written by the real writers (the ledger, the renewal run, caller IDs, the verification review),
// so the page reads exactly what they store. Malformed or unknown details render generically.
// Threat: a notification leaking a section's figures (the balance, a verification code) to a
// reader whose roles do not open that section (docs/SECURITY.md "What shared chrome may show").
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import { createTestAccount, PRINCIPALS } from "@/test/factories";
import { postLedgerEntry } from "@/lib/domains/billing/ledger";
import { reviewVerification, saveVerificationDetails, submitVerification, updateBillingSettings, uploadVerificationDocument } from "@/lib/domains/billing/mutations";
import { runRenewals } from "@/lib/domains/phone-numbers/mutations";
import { fixtureOwnNumber } from "@/lib/domains/phone-numbers/api-fixtures";
import { fixtureSipRegistration } from "@/lib/domains/sip-registrations/api-fixtures";
import { addCallerId } from "@/lib/domains/caller-ids/mutations";
import { listNotifications } from "./queries";
import { NOTIFICATION_CONCERNS, parseNotificationDetail, redactNotificationDetail, type NotificationDetail } from "./details";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const row = (kind: string, detail: unknown, sectionId = "") => ({ kind, detail: typeof detail === "string" ? detail : JSON.stringify(detail), sectionId });

describe("parseNotificationDetail", () => {
  it("reads each kind's detail", () => {
    expect(parseNotificationDetail(row("low_balance", { balanceMinor: 4_20, thresholdMinor: 10_00, currency: "EUR" }), "USD")).toEqual({
      kind: "low_balance",
      redacted: false,
      balanceMinor: 4_20,
      thresholdMinor: 10_00,
      currency: "EUR",
    });
    expect(parseNotificationDetail(row("number_blocked", { number: "+14155550100", numberId: 7, rentMinor: 1_00, releaseAt: "2026-05-01T12:00:00.000Z" }), "USD")).toEqual({
      kind: "number_blocked",
      redacted: false,
      number: "+14155550100",
      numberId: 7,
      rentMinor: 1_00,
      currency: "USD",
      releaseAt: new Date("2026-05-01T12:00:00.000Z"),
    });
    expect(parseNotificationDetail(row("caller_id_code", { number: "+14155550100", code: "123456", expiresInSeconds: 600 }), "USD")).toEqual({
      kind: "caller_id_code",
      redacted: false,
      number: "+14155550100",
      code: "123456",
      expiresInSeconds: 600,
    });
    expect(parseNotificationDetail(row("verification_approved", { reason: "" }), "USD")).toEqual({ kind: "verification_approved", redacted: false });
    expect(parseNotificationDetail(row("verification_rejected", { reason: "Unreadable scan" }), "USD")).toEqual({ kind: "verification_rejected", redacted: false, reason: "Unreadable scan" });
    expect(parseNotificationDetail(row("sip_registration_deactivated", { registration: "100@pbx.example.com", priceMinor: 1_00 }), "USD")).toEqual({
      kind: "sip_registration_deactivated",
      redacted: false,
      registration: "100@pbx.example.com",
      priceMinor: 1_00,
      currency: "USD",
    });
    expect(parseNotificationDetail(row("push_certificate_expiring", { credential: "Apple (APNs) com.example.app, production", expiresAt: "2027-01-01T00:00:00.000Z", applicationId: 7 }), "USD")).toEqual({
      kind: "push_certificate_expiring",
      redacted: false,
      credential: "Apple (APNs) com.example.app, production",
      expiresAt: new Date("2027-01-01T00:00:00.000Z"),
      applicationId: 7,
    });
    expect(parseNotificationDetail(row("push_certificate_expiring", { credential: "c", expiresAt: "2027-01-01T00:00:00.000Z" }), "USD")).toMatchObject({ applicationId: null });
    expect(parseNotificationDetail(row("access_request", { subuser: "ann", roles: ["Admin"] }, "logs"), "USD")).toEqual({ kind: "access_request", section: "logs", subuser: "ann", roles: ["Admin"] });
  });

  it("an unknown kind, or a detail that does not match its kind, is 'other' and never throws", () => {
    expect(parseNotificationDetail(row("weather_report", { sunny: true }), "USD")).toEqual({ kind: "other", type: "weather_report" });
    for (const [kind, detail] of [
      ["low_balance", "{not json"],
      ["low_balance", { balanceMinor: "4.20", thresholdMinor: 10_00 }],
      ["low_balance", { balanceMinor: 1.5, thresholdMinor: 10_00 }],
      ["number_blocked", { number: "", rentMinor: 100 }],
      ["number_blocked", { number: "+1", rentMinor: 100, releaseAt: "tomorrow" }],
      ["caller_id_code", { number: "+1" }],
      ["caller_id_code", null],
      ["verification_rejected", []],
      ["verification_rejected", { reason: 42 }],
      ["sip_registration_deactivated", { registration: "", priceMinor: 100 }],
      ["sip_registration_deactivated", { registration: "1@pbx", priceMinor: "1.00" }],
      ["push_certificate_expiring", { credential: "c", expiresAt: "next week" }],
      ["push_certificate_expiring", { expiresAt: "2027-01-01T00:00:00.000Z" }],
    ] as const) {
      expect(parseNotificationDetail(row(kind, detail), "USD"), `${kind} ${JSON.stringify(detail)}`).toEqual({ kind: "other", type: kind });
    }
    // An access request's detail is best effort: the request itself is still shown.
    expect(parseNotificationDetail(row("access_request", "[]", "no.such"), "USD")).toEqual({ kind: "access_request", section: null, subuser: null, roles: [] });
  });

  it("redacts a kind's specifics for a reader holding none of its sections", () => {
    const low: NotificationDetail = { kind: "low_balance", redacted: false, balanceMinor: 1, thresholdMinor: 2, currency: "USD" };
    expect(redactNotificationDetail(low, (s) => s === "billing")).toBe(low);
    expect(redactNotificationDetail(low, () => false)).toEqual({ kind: "low_balance", redacted: true });
    const code: NotificationDetail = { kind: "caller_id_code", redacted: false, number: "+1", code: "1", expiresInSeconds: null };
    expect(redactNotificationDetail(code, (s) => s === "billing")).toEqual({ kind: "caller_id_code", redacted: true });
    const other: NotificationDetail = { kind: "other", type: "x" };
    expect(redactNotificationDetail(other, () => false)).toBe(other);
  });
});

describe("listNotifications: what the domains write, as each principal reads it", () => {
  it("low balance, a blocked number, a caller ID code and both review outcomes, with their specifics for holders only", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    const t0 = Date.UTC(2026, 3, 1, 12);
    const at = (min: number) => () => new Date(t0 + min * 60_000);

    // Low balance: a threshold of $10, a $12 credit, then a $5 charge crosses it.
    await updateBillingSettings(owner, { lowBalanceThresholdMinor: 10_00 });
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: acct.id, amountMinor: 12_00, kind: "topup", memo: "in" }, at(0)));
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: acct.id, amountMinor: -5_00, kind: "charge", memo: "out" }, at(1)));

    // A number whose rent the balance cannot pay is blocked by the renewal run.
    const n = await fixtureOwnNumber(acct.id);
    await db.phoneNumber.update({ where: { id: n.id }, data: { nextRenewalAt: new Date(t0 + 2 * 60_000), monthlyPriceMinor: 50_00 } });
    await runRenewals(at(3), { accountId: acct.id });

    // A caller ID's code from the simulator (a fixed random source: code 500000).
    await addCallerId(owner, { number: "+14155550123" }, { clock: at(4), random: () => 0.5 });

    // The verification is rejected with a reason, then approved.
    await saveVerificationDetails(owner, { subjectType: "individual", legalName: "Ann Example", countryCode: "GB", address: "1 High Street, London" });
    await uploadVerificationDocument(owner, { name: "id.pdf", bytes: PDF });
    await submitVerification(owner, at(5));
    await reviewVerification(owner, { outcome: "rejected", reason: "The scan is unreadable" }, at(6));
    await submitVerification(owner, at(7));
    await reviewVerification(owner, { outcome: "verified" }, at(8));

    const mine = await listNotifications(owner);
    expect(mine.map((x) => x.detail)).toEqual([
      { kind: "verification_approved", redacted: false },
      { kind: "verification_rejected", redacted: false, reason: "The scan is unreadable" },
      { kind: "caller_id_code", redacted: false, number: "+14155550123", code: "500000", expiresInSeconds: expect.any(Number) },
      {
        kind: "number_blocked",
        redacted: false,
        number: n.number,
        numberId: n.id,
        rentMinor: 50_00,
        currency: "USD",
        releaseAt: expect.any(Date),
      },
      { kind: "low_balance", redacted: false, balanceMinor: 7_00, thresholdMinor: 10_00, currency: "USD" },
    ]);
    expect(mine.every((x) => x.read === false && x.subuser === null && x.roles.length === 0)).toBe(true);

    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      if (!can(actor, "notification_history")) continue;
      const seen = await listNotifications(actor);
      expect(seen.map((x) => x.kind), role).toEqual(mine.map((x) => x.kind));
      for (const x of seen) {
        const concerns = NOTIFICATION_CONCERNS[x.kind as keyof typeof NOTIFICATION_CONCERNS];
        const holds = concerns.some((s) => can(actor, s));
        expect(x.detail, `${role} reads ${x.kind}`).toEqual(holds ? mine.find((m) => m.id === x.id)!.detail : { kind: x.kind, redacted: true });
      }
    }
    // Spelled out for the roles the issue names: a Payer sees the balance but not the code; a Developer neither.
    const payer = await listNotifications(await acct.actor("Payer"));
    expect(payer.find((x) => x.kind === "low_balance")!.detail).toMatchObject({ redacted: false, balanceMinor: 7_00 });
    expect(payer.find((x) => x.kind === "caller_id_code")!.detail).toEqual({ kind: "caller_id_code", redacted: true });
    const dev = await listNotifications(await acct.actor("Developer"));
    expect(JSON.stringify(dev)).not.toContain("500000");
    expect(JSON.stringify(dev)).not.toContain("unreadable");
    expect(dev.find((x) => x.kind === "low_balance")!.detail).toEqual({ kind: "low_balance", redacted: true });
  });

  it("a SIP registration deactivated on the billing day: told to every reader (the fee to holders of its sections only) and to the webhook that receives it", async () => {
    const acct = await createTestAccount();
    const t0 = Date.UTC(2026, 3, 1, 12);
    const reg = await fixtureSipRegistration(acct.id, { sipUsername: "100", nextRenewalAt: new Date(t0) });
    await db.webhook.create({ data: { accountId: acct.id, url: "https://hooks.example.com/sb", secret: "s", events: '["sip_registration_deactivated"]' } });
    await runRenewals(() => new Date(t0 + 60_000), { accountId: acct.id });
    expect(await db.sipRegistration.findUniqueOrThrow({ where: { id: reg.id } })).toMatchObject({ deactivated: true });
    const detail = { kind: "sip_registration_deactivated", redacted: false, registration: "100@pbx.example.com", priceMinor: reg.monthlyPriceMinor, currency: "USD" };
    expect((await listNotifications(await acct.actor(OWNER_ROLE))).map((x) => x.detail)).toEqual([detail]);
    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      if (!can(actor, "notification_history")) continue;
      const holds = can(actor, "sip_registrations") || can(actor, "billing");
      expect((await listNotifications(actor)).map((x) => x.detail), role).toEqual([holds ? detail : { kind: "sip_registration_deactivated", redacted: true }]);
    }
    const [delivery] = await db.webhookDelivery.findMany({ where: { accountId: acct.id } });
    expect(JSON.parse(delivery!.payload)).toMatchObject({ event: "sip_registration_deactivated", account_id: acct.id, data: { registration: "100@pbx.example.com", price_minor: reg.monthlyPriceMinor, currency: "USD" } });
  });

  it("a row with a malformed detail still lists, as 'other'", async () => {
    const acct = await createTestAccount();
    await db.notification.create({ data: { accountId: acct.id, kind: "low_balance", audience: "account", detail: "{oops" } });
    await db.notification.create({ data: { accountId: acct.id, kind: "from_the_future", audience: "account", detail: "{}" } });
    const list = await listNotifications(await acct.actor(OWNER_ROLE));
    expect(list.map((x) => x.detail)).toEqual([
      { kind: "other", type: "from_the_future" },
      { kind: "other", type: "low_balance" },
    ]);
  });
});
