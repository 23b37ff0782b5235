// Test support: the reason behind a Management API code (lib/api/codes.ts maps each reason to one
// code). Domain tests assert the reason a domain error carries by the code a client would see.
import { REASON_CODES } from "@/lib/api/codes";
import type { ErrorReason } from "@/lib/core/errors";

/** The reason answered with `code`, or undefined for codes no reason has (101, 104: the error code's default). */
export function reasonFor(code: number | undefined): ErrorReason | undefined {
  return (Object.keys(REASON_CODES) as ErrorReason[]).find((r) => REASON_CODES[r] === code);
}
