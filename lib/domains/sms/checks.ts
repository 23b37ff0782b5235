// The SMS composers' rules as plain functions: the one-way form checks with them before asking
// for confirmation, without loading zod (issue 11: first-load JavaScript per route), and
// schemas.ts builds the server's zod schemas from the same functions, so both give the same
// messages.
import { toE164 } from "@/lib/core/phone";
import { unsafeTextProblem } from "@/lib/core/safe-text";
import { invalidDestinationsMessage, parseDestinations } from "./destinations";
import { countSms, MAX_SMS_SEGMENTS } from "./segments";

/** Ours: one A2P send reaches at most this many destinations. */
export const MAX_A2P_DESTINATIONS = 1000;

/** A message's text: not empty, safe text (line breaks allowed), at most MAX_SMS_SEGMENTS segments. */
export function smsTextProblem(text: string): string | null {
  if (text.length < 1) return "Write the message";
  return unsafeTextProblem("The message", text, true) ?? (countSms(text).segments > MAX_SMS_SEGMENTS ? `The message is longer than ${MAX_SMS_SEGMENTS} segments` : null);
}

export const A2P_SENDER_MESSAGE = "A sender ID is 3 to 11 latin letters, digits or spaces (at least one letter), or a phone number";

/** A sender ID (3 to 11 latin letters, digits or spaces, at least one letter) or a phone number; `v` trimmed. */
export function isA2PSender(v: string): boolean {
  return a2pSenderNumber(v) !== null || (/^[A-Za-z0-9 ]{3,11}$/.test(v) && /[A-Za-z]/.test(v));
}

/**
 * The phone number a sender without letters stands for, in E.164, "+" optional ("12125550088" and
 * "+1 212 555-0088" are +12125550088); null for anything else (a sender ID has a letter). A
 * numeric sender is always a number, checked as one: never sent as a sender ID of digits.
 */
export function a2pSenderNumber(v: string): string | null {
  const compact = v.trim().replace(/[\s().-]/g, "");
  return /^\+?\d+$/.test(compact) ? toE164(compact.startsWith("+") ? compact : `+${compact}`) : null;
}

/**
 * The one-way page's destinations as pasted: the numbers (E.164, each once), or why the list is
 * refused (a bad line named, none, too many): a list with a bad line is refused rather than sent
 * in part.
 */
export function a2pDestinations(raw: string): { numbers: string[] } | { problem: string } {
  if (raw.length > MAX_A2P_DESTINATIONS * 40) return { problem: "The list is too long" };
  const list = parseDestinations(raw);
  if (list.invalid.length > 0) return { problem: invalidDestinationsMessage(list.invalid) };
  if (list.numbers.length === 0) return { problem: "Add at least one destination" };
  if (list.numbers.length > MAX_A2P_DESTINATIONS) return { problem: `At most ${MAX_A2P_DESTINATIONS} destinations at a time (this list has ${list.numbers.length})` };
  return { numbers: list.numbers };
}

/** The one-way form's problems by field (sender, destinations, text), none when it can be sent. */
export function a2pPanelProblems(input: { sender: string; destinations: string; text: string }): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isA2PSender(input.sender.trim())) out.sender = A2P_SENDER_MESSAGE;
  const destinations = a2pDestinations(input.destinations);
  if ("problem" in destinations) out.destinations = destinations.problem;
  const text = smsTextProblem(input.text);
  if (text) out.text = text;
  return out;
}
