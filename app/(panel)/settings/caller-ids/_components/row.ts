// The Caller IDs table's row: what the page and the actions send the browser (dates as ISO strings).
import type { CallerIdDto } from "@/lib/domains/caller-ids/queries";

export type CallerIdRow = {
  id: number;
  number: string;
  /** Verified and not expired. */
  active: boolean;
  /** ISO string; set once verified (past when the verification has expired). */
  verifiedUntil: string | null;
  codePending: boolean;
  /** ISO string, while a code is pending. */
  codeExpiresAt: string | null;
  codeAttemptsLeft: number;
  verificationCallsLeft: number;
  /** ISO string. */
  createdAt: string;
};

export function callerIdRow(c: CallerIdDto): CallerIdRow {
  return {
    id: c.id,
    number: c.number,
    active: c.active,
    verifiedUntil: c.verifiedUntil?.toISOString() ?? null,
    codePending: c.codePending,
    codeExpiresAt: c.codeExpiresAt?.toISOString() ?? null,
    codeAttemptsLeft: c.codeAttemptsLeft,
    verificationCallsLeft: c.verificationCallsLeft,
    createdAt: c.createdAt.toISOString(),
  };
}
