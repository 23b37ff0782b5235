import "server-only";
// Sending SMS: two-way from one of the account's SMS-enabled numbers (SendSmsMessage, section
// sms.two_way), one-way A2P to many destinations from a sender ID, an SMS-enabled number or a
// verified caller ID (A2PSendSms, section sms.one_way), and switching a number's SMS on or off
// (ControlSms). Every message's course is planned by the delivery simulator (./simulator.ts) with
// the injected clock and random source; its segments are charged at the destination country's
// per-segment price (the catalogue) in the same transaction that records it, so a message the
// balance cannot pay for is never sent.
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { toE164 } from "@/lib/core/phone";
import { a2pSenderNumber } from "./checks";
import { systemRandom, type Random } from "@/lib/core/random";
import { parseInput } from "@/lib/core/validate";
import { postLedgerEntry } from "@/lib/domains/billing/ledger";
import { isUsableCallerId } from "@/lib/domains/caller-ids/queries";
import { pricesForDestination } from "@/lib/domains/phone-numbers/catalogue";
import { ZA2PInput, ZControlSmsInput, ZSendSmsInput, type A2PInput, type ControlSmsInput, type SendSmsInput } from "./schemas";
import { countSms } from "./segments";
import { planDelivery, planReply } from "./simulator";

type SimOptions = { clock?: Clock; random?: Random };

const badSource = (message: string, field = "phoneNumberId") => new AppError("INVALID_INPUT", { message, field, reason: "sms_source_invalid" });

/**
 * SendSmsMessage / the two-way page: one message from an account number with SMS on. Returns the
 * message id and its segments. A reply the simulator plans is stored now and appears at its time.
 */
export async function sendSms(actor: Actor, input: SendSmsInput, opts: SimOptions = {}): Promise<{ id: number; segments: number; costMinor: number }> {
  const { clock = systemClock, random = systemRandom } = opts;
  authorize(actor, { section: "sms.two_way", method: "SendSmsMessage" });
  const data = parseInput(ZSendSmsInput, input);
  return db.$transaction(async (tx) => {
    const source = await tx.phoneNumber.findFirst({
      where: { accountId: actor.accountId, status: "active", ...(data.phoneNumberId !== undefined ? { id: data.phoneNumberId } : { number: data.source }) },
      select: { id: true, number: true, smsSupported: true, smsEnabled: true },
    });
    if (!source) throw badSource("Send from one of the account's active numbers");
    if (!source.smsSupported) throw badSource(`${source.number} does not support SMS`);
    if (!source.smsEnabled) throw badSource(`SMS is off for ${source.number}: turn it on in the number's settings`);
    const now = clock();
    const count = countSms(data.text);
    const costMinor = count.segments * pricesForDestination(data.destination).smsOutboundPerSegmentMinor;
    const plan = planDelivery(data.destination, now, random);
    const message = await tx.smsMessage.create({
      data: {
        accountId: actor.accountId,
        kind: "two_way",
        direction: "out",
        phoneNumberId: source.id,
        source: source.number,
        destination: data.destination,
        text: data.storeBody ? data.text : "",
        encoding: count.encoding,
        segments: count.segments,
        ...plan,
        costMinor,
        createdAt: now,
      },
      select: { id: true },
    });
    if (costMinor > 0) {
      const entry = await postLedgerEntry(
        tx,
        { accountId: actor.accountId, amountMinor: -costMinor, kind: "sms", memo: `SMS to ${data.destination} (${count.segments} segment${count.segments === 1 ? "" : "s"})`, reference: { type: "sms", id: message.id } },
        clock,
      );
      await tx.smsMessage.update({ where: { id: message.id }, data: { ledgerEntryId: entry.id } });
    }
    const reply = planReply(data.destination, plan, random);
    if (reply) {
      const r = countSms(reply.text);
      await tx.smsMessage.create({
        data: {
          accountId: actor.accountId,
          kind: "two_way",
          direction: "in",
          phoneNumberId: source.id,
          source: data.destination,
          destination: source.number,
          text: reply.text,
          encoding: r.encoding,
          segments: r.segments,
          sentAt: reply.at,
          finalAt: reply.at,
          outcome: "received",
          costMinor: r.segments * pricesForDestination(source.number).smsInboundPerSegmentMinor,
          createdAt: reply.at,
        },
      });
    }
    await audit(tx, actor, { action: "sms.send", targetType: "sms", targetId: message.id, detail: { from: source.number, to: data.destination, segments: count.segments, costMinor } });
    return { id: message.id, segments: count.segments, costMinor };
  });
}

export type A2PResult = {
  batchId: number;
  sent: { id: number; destination: string }[];
  failed: { destination: string; error: string }[];
  segments: number;
  costMinor: number;
};

/**
 * A2PSendSms / the one-way page: one text to many destinations. Destinations that are not E.164
 * numbers (or repeat one) are reported in `failed` and cost nothing; the rest are charged in one
 * ledger entry for the whole send, and none is sent when the balance cannot cover them all.
 */
export async function sendA2P(actor: Actor, input: A2PInput, opts: SimOptions = {}): Promise<A2PResult> {
  const { clock = systemClock, random = systemRandom } = opts;
  authorize(actor, { section: "sms.one_way", method: "A2PSendSms" });
  const data = parseInput(ZA2PInput, input);
  const count = countSms(data.text);
  const failed: A2PResult["failed"] = [];
  const valid: string[] = [];
  for (const raw of data.destinations) {
    const e164 = toE164(raw);
    if (!e164) failed.push({ destination: raw.slice(0, 32), error: "Not a phone number in international format" });
    else if (valid.includes(e164)) failed.push({ destination: e164, error: "Listed twice: sent once" });
    else valid.push(e164);
  }
  if (valid.length === 0) throw new AppError("INVALID_INPUT", { message: "None of the destinations is a phone number in international format", field: "destinations" });
  return db.$transaction(async (tx) => {
    const now = clock();
    const senderNumber = a2pSenderNumber(data.sender);
    if (senderNumber) {
      const own = await tx.phoneNumber.count({ where: { accountId: actor.accountId, number: senderNumber, status: "active", smsSupported: true, smsEnabled: true } });
      if (own === 0 && !(await isUsableCallerId(tx, actor.accountId, senderNumber, now))) {
        throw badSource("Send from a sender ID, one of the account's numbers with SMS on, or a verified caller ID", "sender");
      }
    }
    const sender = senderNumber ?? data.sender;
    const batch = await tx.smsBatch.create({ data: { accountId: actor.accountId, sender, total: valid.length, createdAt: now }, select: { id: true } });
    const sent: A2PResult["sent"] = [];
    let costMinor = 0;
    for (const destination of valid) {
      const cost = count.segments * pricesForDestination(destination).smsOutboundPerSegmentMinor;
      costMinor += cost;
      const m = await tx.smsMessage.create({
        data: {
          accountId: actor.accountId,
          kind: "a2p",
          direction: "out",
          batchId: batch.id,
          source: sender,
          destination,
          text: data.storeBody ? data.text : "",
          encoding: count.encoding,
          segments: count.segments,
          ...planDelivery(destination, now, random),
          costMinor: cost,
          createdAt: now,
        },
        select: { id: true },
      });
      sent.push({ id: m.id, destination });
    }
    if (costMinor > 0) {
      const entry = await postLedgerEntry(
        tx,
        { accountId: actor.accountId, amountMinor: -costMinor, kind: "sms", memo: `A2P SMS from ${sender} to ${valid.length} destination${valid.length === 1 ? "" : "s"} (${count.segments * valid.length} segments)`, reference: { type: "sms_batch", id: batch.id } },
        clock,
      );
      await tx.smsMessage.updateMany({ where: { batchId: batch.id }, data: { ledgerEntryId: entry.id } });
    }
    await audit(tx, actor, { action: "sms.a2p_send", targetType: "sms_batch", targetId: batch.id, detail: { sender, destinations: valid.length, failed: failed.length, segments: count.segments, costMinor } });
    return { batchId: batch.id, sent, failed, segments: count.segments * valid.length, costMinor };
  });
}

/** ControlSms: turns SMS on or off for one of the account's numbers that supports it. */
export async function controlSms(actor: Actor, input: ControlSmsInput): Promise<void> {
  authorize(actor, { section: "sms.two_way", method: "ControlSms" });
  const { number, enabled } = parseInput(ZControlSmsInput, input);
  await db.$transaction(async (tx) => {
    const n = await tx.phoneNumber.findFirst({ where: { accountId: actor.accountId, number, status: { in: ["active", "blocked"] } }, select: { id: true, smsSupported: true } });
    if (!n) throw new AppError("NOT_FOUND", { message: "Phone number not found", field: "number", reason: "phone_number_not_found" });
    if (!n.smsSupported) throw new AppError("INVALID_INPUT", { message: `${number} does not support SMS`, field: "number" });
    await tx.phoneNumber.updateMany({ where: { id: n.id, accountId: actor.accountId }, data: { smsEnabled: enabled } });
    await audit(tx, actor, { action: enabled ? "sms.enable" : "sms.disable", targetType: "phone_number", targetId: n.id, detail: { number } });
  });
}
