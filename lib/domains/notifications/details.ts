// What each kind of notification says, parsed from its row's JSON `detail` (written by the domain
// that raised it: billing's ledger and verification review, phone-numbers' and SIP registrations'
// renewal runs, push credentials' expiry warning, caller IDs, access requests, support's answers). Pure: a row in, a typed detail out. Parsing never
// throws: a detail that does not match its kind's shape (an older or hand-made row) reads as kind
// "other" and renders generically, like a kind this code does not know.
//
// Notifications of audience "account" reach every holder of the Notifications section, but a
// notification's figures belong to the section they are about (docs/SECURITY.md "What shared
// chrome may show": no balance without Billing). So each kind names the sections that may read
// its specifics; a reader holding none of them gets the detail `redacted`: that it happened, not
// the amounts, numbers, codes or reasons.
import { z } from "zod";
import { isSectionId, type SectionId } from "@/lib/access/matrix";

export const NOTIFICATION_KINDS = [
  "access_request",
  "low_balance",
  "number_blocked",
  "caller_id_code",
  "verification_approved",
  "verification_rejected",
  "sip_registration_deactivated",
  "push_certificate_expiring",
  "support_answered",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What each kind is about, as Settings > Notifications lists them. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  access_request: "A subuser asks for access to a section",
  low_balance: "The balance falls below the low-balance threshold",
  number_blocked: "A number is blocked for unpaid rent",
  caller_id_code: "A caller ID's verification code is sent",
  verification_approved: "The account's verification is approved",
  verification_rejected: "The account's verification is rejected",
  sip_registration_deactivated: "A SIP registration is deactivated for an unpaid month",
  push_certificate_expiring: "An Apple push certificate expires within 30 days",
  support_answered: "The support team answers one of the account's tickets",
};

/** The sections whose holders read a kind's specifics (any one of them suffices). Access requests reach the owner alone anyway. */
export const NOTIFICATION_CONCERNS: Record<Exclude<NotificationKind, "access_request">, readonly SectionId[]> = {
  low_balance: ["billing"],
  number_blocked: ["numbers.list", "numbers.blocked", "billing"],
  caller_id_code: ["caller_ids"],
  verification_approved: ["billing"],
  verification_rejected: ["billing"],
  sip_registration_deactivated: ["sip_registrations", "billing"],
  push_certificate_expiring: ["application.push_certificates"],
  support_answered: ["support.tickets"],
};

export type NotificationDetail =
  | { kind: "access_request"; section: SectionId | null; subuser: string | null; roles: string[] }
  /** Minor units, in `currency`. */
  | { kind: "low_balance"; redacted: false; balanceMinor: number; thresholdMinor: number; currency: string }
  | { kind: "number_blocked"; redacted: false; number: string; numberId: number | null; rentMinor: number; currency: string; releaseAt: Date | null }
  | { kind: "caller_id_code"; redacted: false; number: string; code: string; expiresInSeconds: number | null }
  | { kind: "verification_approved"; redacted: false }
  | { kind: "verification_rejected"; redacted: false; reason: string }
  /** `priceMinor`: the month's fee that could not be paid, in `currency`. */
  | { kind: "sip_registration_deactivated"; redacted: false; registration: string; priceMinor: number; currency: string }
  | { kind: "push_certificate_expiring"; redacted: false; credential: string; expiresAt: Date; applicationId: number | null }
  | { kind: "support_answered"; redacted: false; ticketId: number; subject: string }
  | { kind: Exclude<NotificationKind, "access_request">; redacted: true }
  /** A kind this code does not know, or a detail that does not match its kind. */
  | { kind: "other"; type: string };

const money = z.number().int().safe();
const SHAPES = {
  low_balance: z.object({ balanceMinor: money, thresholdMinor: money, currency: z.string().regex(/^[A-Z]{3}$/).optional() }),
  number_blocked: z.object({
    number: z.string().min(1).max(32),
    numberId: z.number().int().positive().optional(),
    rentMinor: money,
    releaseAt: z.iso.datetime().optional(),
  }),
  caller_id_code: z.object({ number: z.string().min(1).max(32), code: z.string().min(1).max(16), expiresInSeconds: z.number().int().positive().optional() }),
  verification_approved: z.object({}),
  verification_rejected: z.object({ reason: z.string().max(500).default("") }),
  sip_registration_deactivated: z.object({ registration: z.string().min(1).max(300), priceMinor: money, currency: z.string().regex(/^[A-Z]{3}$/).optional() }),
  push_certificate_expiring: z.object({ credential: z.string().min(1).max(300), expiresAt: z.iso.datetime(), applicationId: z.number().int().positive().optional() }),
  support_answered: z.object({ ticketId: z.number().int().positive(), subject: z.string().min(1).max(300) }),
  access_request: z.object({ subuser: z.string().max(100).optional(), roles: z.array(z.string()).optional() }),
};

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const isKnown = (kind: string): kind is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(kind);

/**
 * A notification row's typed detail. `row.detail` is the stored JSON text; `currency` is the
 * account's, for kinds whose detail does not name one. Unknown kinds and malformed details give
 * `{ kind: "other", type: row.kind }`.
 */
export function parseNotificationDetail(row: { kind: string; detail: string; sectionId: string }, currency: string): NotificationDetail {
  const other = { kind: "other" as const, type: row.kind };
  if (!isKnown(row.kind)) return other;
  const raw = json(row.detail);
  switch (row.kind) {
    case "access_request": {
      const d = SHAPES.access_request.safeParse(raw);
      const v = d.success ? d.data : {};
      return { kind: "access_request", section: isSectionId(row.sectionId) ? row.sectionId : null, subuser: v.subuser ?? null, roles: v.roles ?? [] };
    }
    case "low_balance": {
      const d = SHAPES.low_balance.safeParse(raw);
      return d.success ? { kind: "low_balance", redacted: false, balanceMinor: d.data.balanceMinor, thresholdMinor: d.data.thresholdMinor, currency: d.data.currency ?? currency } : other;
    }
    case "number_blocked": {
      const d = SHAPES.number_blocked.safeParse(raw);
      return d.success
        ? {
            kind: "number_blocked",
            redacted: false,
            number: d.data.number,
            numberId: d.data.numberId ?? null,
            rentMinor: d.data.rentMinor,
            currency,
            releaseAt: d.data.releaseAt ? new Date(d.data.releaseAt) : null,
          }
        : other;
    }
    case "caller_id_code": {
      const d = SHAPES.caller_id_code.safeParse(raw);
      return d.success ? { kind: "caller_id_code", redacted: false, number: d.data.number, code: d.data.code, expiresInSeconds: d.data.expiresInSeconds ?? null } : other;
    }
    case "verification_approved":
      return SHAPES.verification_approved.safeParse(raw).success ? { kind: "verification_approved", redacted: false } : other;
    case "verification_rejected": {
      const d = SHAPES.verification_rejected.safeParse(raw);
      return d.success ? { kind: "verification_rejected", redacted: false, reason: d.data.reason } : other;
    }
    case "sip_registration_deactivated": {
      const d = SHAPES.sip_registration_deactivated.safeParse(raw);
      return d.success ? { kind: "sip_registration_deactivated", redacted: false, registration: d.data.registration, priceMinor: d.data.priceMinor, currency: d.data.currency ?? currency } : other;
    }
    case "push_certificate_expiring": {
      const d = SHAPES.push_certificate_expiring.safeParse(raw);
      return d.success ? { kind: "push_certificate_expiring", redacted: false, credential: d.data.credential, expiresAt: new Date(d.data.expiresAt), applicationId: d.data.applicationId ?? null } : other;
    }
    case "support_answered": {
      const d = SHAPES.support_answered.safeParse(raw);
      return d.success ? { kind: "support_answered", redacted: false, ticketId: d.data.ticketId, subject: d.data.subject } : other;
    }
  }
}

/**
 * The detail as a reader may see it: a kind's specifics only for a holder of one of its
 * NOTIFICATION_CONCERNS sections (`holds` asks the access module), `{ redacted: true }` otherwise.
 */
export function redactNotificationDetail(detail: NotificationDetail, holds: (section: SectionId) => boolean): NotificationDetail {
  if (detail.kind === "other" || detail.kind === "access_request" || detail.redacted) return detail;
  return NOTIFICATION_CONCERNS[detail.kind].some(holds) ? detail : { kind: detail.kind, redacted: true };
}
