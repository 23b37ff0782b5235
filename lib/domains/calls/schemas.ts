// Call inputs (sections calls, calls.active_sessions, application.call_history and the test-call
// tools of application.scenarios / application.rules; StartScenarios and GetCallHistory), shared
// by the panel's forms and actions, the simulator and the Management API.
import { z } from "zod";
import { toE164 } from "@/lib/core/phone";
import { safeText, zId } from "@/lib/core/validate";
import { firstParam } from "@/lib/core/url-params";
import { parseUtcDateTime } from "@/lib/core/day-range";
export * from "./statuses";
import { CALL_STATUSES, type CallStatus } from "./statuses";

export const CALL_DIRECTIONS = ["inbound", "outbound"] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export const CALL_INITIATORS = ["panel", "api", "inbound", "call_list"] as const;
export type CallInitiator = (typeof CALL_INITIATORS)[number];

/** The history's sort keys: each has an index per account and per application (prisma/schema.prisma). */
export const CALL_SORTS = ["startedAt", "durationSeconds", "costMinor"] as const;
export type CallSort = (typeof CALL_SORTS)[number];

/** Ours: the longest simulated party behaviour a form may ask for. */
export const MAX_PARTY_SECONDS = 3600;
export const MAX_CUSTOM_DATA = 2000;

// Nullable rather than a union with null: a union that no branch matches says only "Invalid
// input", where the number's own message ("must be a whole number of seconds") names the rule.
const ZSeconds = (label: string, min: number) =>
  z.coerce
    .number({ error: `${label} must be a number of seconds` })
    .int(`${label} must be a whole number of seconds`)
    .min(min, `${label} must be at least ${min} s`)
    .max(MAX_PARTY_SECONDS, `${label} must be at most ${MAX_PARTY_SECONDS} s`)
    .nullable();

/**
 * What the simulated far end does (runtime-contract.ts SimulatedParty), as flat fields so each
 * error sits under its own input: answers after n seconds (null: never), presses these digits when
 * asked, hangs up by itself after n seconds of talk (null: waits for the scenario).
 */
export const ZPartyFields = {
  answerAfterSeconds: ZSeconds("Answer after", 0).default(2),
  dtmf: z.string().trim().regex(/^[0-9*#]{0,32}$/, "DTMF digits are 0-9, * and #, at most 32").default(""),
  hangupAfterSeconds: ZSeconds("Hang up after", 1).default(null),
};

export const ZCustomData = z.string().max(MAX_CUSTOM_DATA, `At most ${MAX_CUSTOM_DATA} characters`).superRefine(safeText("Custom data", { multiline: true })).default("");

/** An E.164 number or an application user's name: what can be dialled. */
export const ZDestination = z
  .string()
  .trim()
  .max(64, "At most 64 characters")
  .transform((v, ctx) => {
    if (v === "") return v;
    const e164 = toE164(v);
    if (e164) return e164;
    if (/^[a-z0-9][a-z0-9_-]{2,49}$/i.test(v)) return v.toLowerCase();
    ctx.addIssue({ code: "custom", message: "Enter a number in international format (+14155550123) or a username" });
    return z.NEVER;
  });

export const CALLER_KINDS = ["user", "number"] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

/**
 * The panel's "Place a test call" and StartScenarios: the application, the rule (or none: the
 * destination is matched against the rules in order), who the platform calls, and who calls: a
 * user of the application, or a number (the account's own, a verified caller ID, or, when the call
 * does not go out to the telephone network, any outside number).
 */
export const ZPlaceCallInput = z
  .object({
    applicationId: zId("Choose an application", "application_id_invalid"),
    ruleId: zId("Choose a rule").optional(),
    destination: ZDestination.default(""),
    callerKind: z.enum(CALLER_KINDS, { error: "Choose who calls" }),
    /** callerKind "user": the user's name (or its id, from the API). */
    callerUser: z.string().trim().max(50).optional(),
    callerUserId: zId("Invalid user id", "user_not_found").optional(),
    /** callerKind "number": E.164. */
    callerNumber: z.string().trim().max(32).optional(),
    ...ZPartyFields,
    customData: ZCustomData,
  })
  .superRefine((v, ctx) => {
    if (v.ruleId === undefined && v.destination === "") {
      ctx.addIssue({ code: "custom", message: "Enter the number or username to call, or choose a rule", path: ["destination"] });
    }
    if (v.callerKind === "user" && !v.callerUser && v.callerUserId === undefined) {
      ctx.addIssue({ code: "custom", message: "Enter the username of the user who calls", path: ["callerUser"] });
    }
    if (v.callerKind === "number" && !v.callerNumber) {
      ctx.addIssue({ code: "custom", message: "Enter the caller's number (+ then the country code and number)", path: ["callerNumber"] });
    } else if (v.callerKind === "number" && !toE164(v.callerNumber ?? "")) {
      ctx.addIssue({ code: "custom", message: "Enter the number in international format: + then the country code and number", path: ["callerNumber"] });
    }
  });
export type PlaceCallInput = z.input<typeof ZPlaceCallInput>;

/** "Simulate inbound call": what the caller dials, one of the account's numbers (`numberId`) or one of its SIP registrations (`sipRegistrationId`), exactly one. */
export const ZSimulateInboundInput = z.object({
  numberId: zId("Choose one of the account's numbers", "phone_number_not_found").optional(),
  sipRegistrationId: zId("Choose one of the account's SIP registrations", "sip_registration_not_found").optional(),
  from: z.string().trim().max(32).transform((v, ctx) => {
    const n = toE164(v);
    if (!n) {
      ctx.addIssue({ code: "custom", message: "Enter the caller's number in international format: + then the country code and number" });
      return z.NEVER;
    }
    return n;
  }),
  dtmf: ZPartyFields.dtmf,
  hangupAfterSeconds: ZPartyFields.hangupAfterSeconds,
  /** Whom the scenario calls (callPSTN, callUser) answers after n seconds; null: never (it rings out). */
  calledAnswersAfterSeconds: ZSeconds("Called party answers after", 0).default(0),
  customData: ZCustomData,
}).superRefine((v, ctx) => {
  if ((v.numberId === undefined) === (v.sipRegistrationId === undefined)) {
    ctx.addIssue({ code: "custom", path: ["numberId"], message: "Choose the number or the SIP registration the caller dials" });
  }
});
export type SimulateInboundInput = z.input<typeof ZSimulateInboundInput>;

export const ZSessionRef = z.object({ sessionId: zId("Invalid call session id", "call_session_not_found") });
export type SessionRef = z.input<typeof ZSessionRef>;

/** The history's filters (the panel's URL, the CSV export, GetCallHistory). Every field optional. */
export type CallFilter = {
  applicationId?: number;
  /** Started at or after (UTC). */
  from?: Date;
  /** Started before (UTC). */
  to?: Date;
  /** Either side of the call, exactly (E.164 or a username). */
  number?: string;
  /** The far end: the caller of an inbound call, the called of an outbound one (GetCallHistory remote_number). */
  remoteNumbers?: string[];
  /** The platform's side (GetCallHistory local_number). */
  localNumbers?: string[];
  appUserIds?: number[];
  /** An application user's name: sessions of the users so named. */
  userName?: string;
  ruleName?: string;
  status?: CallStatus;
  direction?: CallDirection;
  minDuration?: number;
  maxDuration?: number;
  sessionIds?: number[];
  customData?: string;
  /** Only sessions up to this id (a report frozen when it was asked for). */
  maxSessionId?: number;
};

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
// A value with control characters is left out like any other that does not parse (PostgreSQL refuses a NUL).
const text = (max: number) => z.preprocess(first, z.string().trim().max(max).superRefine(safeText("Filter")).optional()).catch(undefined);
/** Whole seconds; an empty field (the filter form sends `maxDuration=`) is no filter, not 0 s. */
const seconds = z.preprocess((v) => firstParam(v as string | string[] | undefined) || undefined, z.coerce.number().int().min(0).max(10_000_000).optional()).catch(undefined);
/** `2026-05-01T10:00` (a datetime-local input) or `2026-05-01`, read as UTC (parseUtcDateTime). */
const utcDate = z
  .preprocess(first, z.string().optional())
  .transform((v) => (v ? (parseUtcDateTime(v) ?? undefined) : undefined))
  .catch(undefined);

/** The URL names of the history's filters, for forms and links. */
export const CALL_FILTER_PARAMS = ["from", "to", "q", "user", "rule", "status", "direction", "minDuration", "maxDuration"] as const;

/**
 * Why a parsed history filter can match no call (UTC dates, durations in seconds): an inverted
 * date or duration range, one message per range naming both fields as the form labels them.
 * Empty when the filter is consistent. The list still runs the filter as given (it is empty).
 */
export function callFilterProblems(f: CallFilter): string[] {
  const problems: string[] = [];
  if (f.from && f.to && f.from.getTime() >= f.to.getTime()) problems.push("“Started from” is not before “Started before”: no call can match. Swap or clear one of them.");
  if (f.minDuration !== undefined && f.maxDuration !== undefined && f.minDuration > f.maxDuration) {
    problems.push(`Min duration (${f.minDuration} s) is above max duration (${f.maxDuration} s): no call can match. Swap or clear one of them.`);
  }
  return problems;
}

/**
 * The history filters in a page's URL (?from=&to=&q=&user=&rule=&status=&direction=&minDuration=
 * &maxDuration=). Never throws: a value that does not parse is left out, as a stale link should
 * show the list rather than an error. `q` is a number or username on either side of the call.
 */
export function parseCallFilter(raw: Record<string, string | string[] | undefined>): CallFilter {
  const parsed = z
    .object({
      from: utcDate,
      to: utcDate,
      q: text(64),
      user: text(50),
      rule: text(100),
      status: z.preprocess(first, z.enum(CALL_STATUSES).optional()).catch(undefined),
      direction: z.preprocess(first, z.enum(CALL_DIRECTIONS).optional()).catch(undefined),
      minDuration: seconds,
      maxDuration: seconds,
    })
    .parse(raw);
  const number = parsed.q ? (toE164(parsed.q) ?? parsed.q.toLowerCase()) : undefined;
  return {
    ...(parsed.from ? { from: parsed.from } : {}),
    ...(parsed.to ? { to: parsed.to } : {}),
    ...(number ? { number } : {}),
    ...(parsed.user ? { userName: parsed.user.toLowerCase() } : {}),
    ...(parsed.rule ? { ruleName: parsed.rule } : {}),
    ...(parsed.status ? { status: parsed.status } : {}),
    ...(parsed.direction ? { direction: parsed.direction } : {}),
    ...(parsed.minDuration !== undefined ? { minDuration: parsed.minDuration } : {}),
    ...(parsed.maxDuration !== undefined ? { maxDuration: parsed.maxDuration } : {}),
  };
}

/**
 * A history report's definition (HistoryReport.filter, stored as JSON): the GetBriefCallHistory
 * filter frozen at `maxSessionId`, the row order and whether the CSV starts with a header row.
 * Parsed back with this schema when the report is listed or downloaded.
 */
export const ZReportSpec = z.object({
  filter: z.object({
    applicationId: z.number().int().optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    sessionIds: z.array(z.number().int()).optional(),
    ruleName: z.string().optional(),
    remoteNumbers: z.array(z.string()).optional(),
    localNumbers: z.array(z.string()).optional(),
    customData: z.string().optional(),
    maxSessionId: z.number().int().optional(),
  }),
  desc: z.boolean(),
  withHeader: z.boolean(),
});
export type ReportSpec = z.output<typeof ZReportSpec>;
