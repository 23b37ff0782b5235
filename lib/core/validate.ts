// Domain functions validate their own input, so the Management API and every other caller get
// exactly the panel's rules. An issue that a client must tell apart from others carries its
// reason in `params.reason` (lib/core/errors.ts); lib/api/codes.ts turns it into a wire code.
import { z } from "zod";
import { AppError, type ErrorReason } from "@/lib/core/errors";
import { MAX_RECORD_ID } from "@/lib/core/ids";

/** Adds a custom zod issue, with its reason when one applies. */
export function issue(ctx: z.RefinementCtx, message: string, reason?: ErrorReason): void {
  ctx.addIssue({ code: "custom", message, ...(reason ? { params: { reason } } : {}) });
}

/** The reason an issue carries, if any. */
export function reasonOf(i: z.core.$ZodIssue | undefined): ErrorReason | undefined {
  const params = i && "params" in i ? (i.params as { reason?: unknown } | undefined) : undefined;
  return typeof params?.reason === "string" ? (params.reason as ErrorReason) : undefined;
}

/** Parses `raw` or throws INVALID_INPUT naming the first bad field, with its reason. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new AppError("INVALID_INPUT", {
    message: first?.message ?? "Invalid input",
    field: first?.path.map(String).join(".") || undefined,
    reason: reasonOf(first),
  });
}

/**
 * A positive integer id (at most MAX_RECORD_ID, PostgreSQL's int4), from a number (the panel) or a decimal string (the API). Anything else
 * fails with `message`, and `reason` when the API answers unusable ids of this kind with their
 * own code ("invalid subuser id", ...).
 */
export const zId = (message: string, reason?: ErrorReason) =>
  z.unknown().transform((v, ctx): number => {
    const n = typeof v === "string" && /^\s*\d{1,16}\s*$/.test(v) ? Number(v) : v;
    if (typeof n === "number" && Number.isSafeInteger(n) && n > 0 && n <= MAX_RECORD_ID) return n;
    issue(ctx, message, reason);
    return z.NEVER;
  });

// C0 controls, DEL and C1 controls; multi-line text keeps tab, line feed and carriage return
// (browsers send a textarea's line breaks as CRLF).
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * The one rule for free text a person or a client types (docs/SECURITY.md "Text input"): no lone
 * UTF-16 surrogate (it cannot be stored as UTF-8 and comes back as something else) and no
 * control character (NUL and the rest of C0, DEL, C1), except tab and line breaks in multi-line
 * text. Returns a zod refinement for `.superRefine()`: a field error naming `label`, with
 * `reason` when the API answers the field's failures with a code of their own (else 101).
 */
export function safeText(label: string, opts: { multiline?: boolean; reason?: ErrorReason } = {}) {
  const control = opts.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE;
  return (v: string, ctx: z.RefinementCtx): void => {
    if (!v.isWellFormed()) issue(ctx, `${label} contains an invalid character (a lone UTF-16 surrogate)`, opts.reason);
    else if (control.test(v)) {
      issue(ctx, opts.multiline ? `${label} must not contain control characters other than tabs and line breaks` : `${label} must not contain control characters`, opts.reason);
    }
  };
}
