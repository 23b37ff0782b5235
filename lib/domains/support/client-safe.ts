// Support tickets' fixed vocabularies and limits: pure constants, safe in client components.

export const SUPPORT_CATEGORIES = ["account", "numbers", "calls", "scenarios", "messaging", "billing", "api", "other"] as const;
export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number];

export const SUPPORT_CATEGORY_LABELS: Record<SupportCategory, string> = {
  account: "Account and access",
  numbers: "Phone numbers",
  calls: "Calls and call quality",
  scenarios: "Scenarios and rules",
  messaging: "SMS",
  billing: "Billing and payments",
  api: "Management API",
  other: "Something else",
};

/** open: waiting for the support team; answered: waiting for the account; closed. */
export const TICKET_STATUSES = ["open", "answered", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  open: "Waiting for support",
  answered: "Answered",
  closed: "Closed",
};

/** Subject length, in characters. */
export const SUBJECT_MIN = 3;
export const SUBJECT_MAX = 150;
/** A message's length, in characters. */
export const MESSAGE_MAX = 5_000;
/** Tickets an account may have open or answered at once (a closed one frees its place). */
export const MAX_ACTIVE_TICKETS = 20;
/** Messages one ticket holds (both sides); past it, open a new ticket. */
export const MAX_TICKET_MESSAGES = 200;
