import "server-only";
// SMS on the Management API (the public reference's SendSmsMessage, ControlSms, GetSmsHistory,
// A2PSendSms, A2PGetSmsHistory): the same functions as the SMS pages. Numbers travel without
// "+" in the history structures, as the reference's numeric source_number/destination_number.
import { z } from "zod";
import type { ErrorMapping } from "@/lib/api/errors";
import { DONE_RESPONSE, defineMethod, done, ok, okResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { controlSms, sendA2P, sendSms } from "./mutations";
import { listSmsHistory, type SmsDto } from "./queries";

const GROUP = "SMS";
const money = (minor: number) => minor / 100;
const digits = (n: string) => Number(n.replace(/\D/g, "")) || 0;
const plus = (v: string) => (v.trim().startsWith("+") ? v.trim() : `+${v.trim()}`);

const ERRORS: ErrorMapping = { fields: { phoneNumberId: "source", source: "source", destination: "destination", text: "sms_body", sender: "src_number", destinations: "dst_numbers", number: "phone_number" } };

export const sendSmsMessage = defineMethod({
  name: "SendSmsMessage",
  group: GROUP,
  summary: "Sends an SMS from one of the account's numbers with SMS on to a destination; charged per segment at the destination's price.",
  params: z.object({
    source: w.text(z.string().max(20), { description: "The account's number to send from (E.164, with or without '+')" }),
    destination: w.text(z.string().max(20), { description: "The destination (E.164, with or without '+')" }),
    sms_body: w.text(z.string().max(2000), { description: "The text: at most 10 segments (GSM-7: 1530 characters, UCS-2: 670)" }),
    store_body: w.bool({ description: "Keep the text in the history (default true)" }).optional(),
  }),
  response: okResponse(z.literal(1), { message_id: z.number().int(), fragments_count: z.number().int() }),
  errors: { fields: { ...ERRORS.fields, text: "sms_body" } },
  async handler(p, { actor, clock }) {
    const r = await sendSms(actor, { source: plus(p.source), destination: plus(p.destination), text: p.sms_body, storeBody: p.store_body ?? true }, { clock });
    return done({ message_id: r.id, fragments_count: r.segments });
  },
});

export const controlSmsMethod = defineMethod({
  name: "ControlSms",
  group: GROUP,
  summary: "Turns sending and receiving SMS on (command=enable) or off (disable) for one of the account's numbers that supports SMS.",
  params: z.object({
    phone_number: w.text(z.string().max(20), { description: "The account's number" }),
    command: w.text(z.enum(["enable", "disable"]), { description: "enable or disable" }),
  }),
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    await controlSms(actor, { number: plus(p.phone_number), enabled: p.command === "enable" });
    return done();
  },
});

export const ZSmsHistory = z
  .object({
    message_id: z.number().int(),
    source_number: z.number(),
    destination_number: z.number(),
    direction: z.enum(["IN", "OUT"]),
    fragments: z.number().int(),
    cost: z.number(),
    status_id: z.string().meta({ description: "queued, sent, delivered, failed or received" }),
    error_message: z.string(),
    processed_date: w.timestamp,
    transaction_id: z.number().int().nullable(),
    text: z.string().optional().meta({ description: "Absent when not stored, or when the account may not read SMS text" }),
  })
  .meta({ id: "SmsHistoryType" });

const historyParams = {
  message_id: w.intList({ description: "Only these messages" }).optional(),
  source_number: w.optionalText(z.string().max(20), "Only messages from this number (digits)"),
  destination_number: w.optionalText(z.string().max(20), "Only messages to this number (digits)"),
  from_date: w.date({ description: "From (inclusive)" }).optional(),
  to_date: w.date({ description: "To (exclusive)" }).optional(),
  output: w.optionalText(z.enum(["json"]), "Accepted for compatibility: always json"),
  ...w.paging,
};

const numberFilter = (v: string | undefined) => (v ? v.replace(/[^\d]/g, "") : undefined);

function smsHistory(m: SmsDto): z.output<typeof ZSmsHistory> {
  return {
    message_id: m.id,
    source_number: digits(m.source),
    destination_number: digits(m.destination),
    direction: m.direction === "in" ? "IN" : "OUT",
    fragments: m.segments,
    cost: money(m.costMinor),
    status_id: m.status,
    error_message: m.errorMessage,
    processed_date: w.formatApiDate(m.statusChangedAt),
    transaction_id: m.ledgerEntryId,
    ...(m.textHidden || m.text === "" ? {} : { text: m.text }),
  };
}

export const getSmsHistory = defineMethod({
  name: "GetSmsHistory",
  group: GROUP,
  summary: "The two-way SMS history, sent and received, newest first.",
  params: z.object({ ...historyParams, direction: w.optionalText(z.enum(["IN", "OUT", "in", "out"]), "IN or OUT") }),
  response: z.object({ result: z.array(ZSmsHistory), total_count: z.number().int(), count: z.number().int() }),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const { items, total } = await listSmsHistory(
      actor,
      {
        kind: "two_way",
        ids: p.message_id,
        source: numberFilter(p.source_number),
        destination: numberFilter(p.destination_number),
        direction: p.direction ? (p.direction.toLowerCase() as "in" | "out") : undefined,
        from: p.from_date,
        to: p.to_date,
        offset: p.offset,
        count: p.count,
      },
      clock,
    );
    return page(items.map(smsHistory), total);
  },
});

export const ZSmsTransaction = z.object({ message_id: z.number().int(), destination_number: z.string() }).meta({ id: "SmsTransaction" });
export const ZFailedSms = z.object({ destination_number: z.string(), error_description: z.string(), error_code: z.number().int() }).meta({ id: "FailedSms" });

export const a2pSendSms = defineMethod({
  name: "A2PSendSms",
  group: GROUP,
  summary: "Sends one text to many destinations (at most 1000) from a sender ID, an SMS-enabled number or a verified caller ID. Invalid destinations come back in `failed`.",
  params: z.object({
    src_number: w.text(z.string().max(20), { description: "The sender: a sender ID (3-11 letters, digits, spaces) or a number" }),
    dst_numbers: w.stringList(z.string().max(32), { description: "The destinations (E.164)" }),
    text: w.text(z.string().max(2000), { description: "The text: at most 10 segments" }),
    store_body: w.bool({ description: "Keep the text in the history (default true)" }).optional(),
  }),
  response: okResponse(z.array(ZSmsTransaction), { failed: z.array(ZFailedSms), fragments_count: z.number().int() }),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const r = await sendA2P(actor, { sender: p.src_number, destinations: p.dst_numbers.map(plus), text: p.text, storeBody: p.store_body ?? true }, { clock });
    return ok(
      r.sent.map((s) => ({ message_id: s.id, destination_number: s.destination.slice(1) })),
      { failed: r.failed.map((f) => ({ destination_number: f.destination.replace(/^\+/, ""), error_description: f.error, error_code: 101 })), fragments_count: r.segments },
    );
  },
});

export const ZA2PSmsHistory = ZSmsHistory.omit({ direction: true, processed_date: true })
  .extend({ processing_date: w.timestamp, delivery_status: z.string() })
  .meta({ id: "A2PSmsHistoryType" });

export const a2pGetSmsHistory = defineMethod({
  name: "A2PGetSmsHistory",
  group: GROUP,
  summary: "The one-way (A2P) SMS history, newest first, with each message's delivery status.",
  params: z.object({ ...historyParams, delivery_status: w.optionalText(z.enum(["queued", "sent", "delivered", "failed"]), "Only messages in this status") }),
  response: z.object({ result: z.array(ZA2PSmsHistory), total_count: z.number().int(), count: z.number().int() }),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const { items, total } = await listSmsHistory(
      actor,
      { kind: "a2p", ids: p.message_id, source: numberFilter(p.source_number), destination: numberFilter(p.destination_number), status: p.delivery_status, from: p.from_date, to: p.to_date, offset: p.offset, count: p.count },
      clock,
    );
    return page(
      items.map((m) => {
        const { direction: _d, processed_date, ...rest } = smsHistory(m);
        void _d;
        return { ...rest, processing_date: processed_date, delivery_status: m.status };
      }),
      total,
    );
  },
});

export const smsMethods: RegisteredMethod[] = [sendSmsMessage, controlSmsMethod, getSmsHistory, a2pSendSms, a2pGetSmsHistory] as RegisteredMethod[];
