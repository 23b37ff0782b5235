// Domain functions validate their own input, so the Management API and every other caller get
// exactly the panel's rules. An issue that a client must tell apart from others carries its
// reason in `params.reason` (lib/core/errors.ts); lib/api/codes.ts turns it into a wire code.
import { z } from "zod";
import { AppError, type ErrorReason } from "@/lib/core/errors";
import { MAX_RECORD_ID } from "@/lib/core/ids";
import { toE164 } from "./phone";
import { unsafeTextProblem } from "./safe-text";

/** Adds a custom zod issue, with its reason when one applies. */
export function issue(ctx: z.RefinementCtx, message: string, reason?: ErrorReason): void {
  ctx.addIssue({ code: "custom", message, ...(reason ? { params: { reason } } : {}) });
}

/** The reason an issue carries, if any. */
export function reasonOf(i: z.core.$ZodIssue | undefined): ErrorReason | undefined {
  const params = i && "params" in i ? (i.params as { reason?: unknown } | undefined) : undefined;
  return typeof params?.reason === "string" ? (params.reason as ErrorReason) : undefined;
}

/**
 * Parses `raw` or throws INVALID_INPUT naming the first bad field, with its reason; the other bad
 * fields (the first message of each) ride along as `otherFields`, so a form marks them all at once.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const [first, ...rest] = parsed.error.issues;
  const field = first?.path.map(String).join(".") || undefined;
  const otherFields: Record<string, string> = {};
  for (const i of rest) {
    const key = i.path.map(String).join(".");
    if (key && key !== field) otherFields[key] ??= i.message;
  }
  throw new AppError("INVALID_INPUT", { message: first?.message ?? "Invalid input", field, reason: reasonOf(first), otherFields });
}

/**
 * Runs every check (a parser that throws INVALID_INPUT naming its field, as parseInput does) and
 * returns their results in order, or throws one INVALID_INPUT with every failed check's fields:
 * the first's as `field`, the others' in `otherFields`, so a form marks them all at once instead
 * of one check per submit. Any other error propagates as it is.
 */
export function parseAll<const T extends readonly (() => unknown)[]>(...checks: T): { [K in keyof T]: ReturnType<T[K]> } {
  const results: unknown[] = [];
  const failed: AppError[] = [];
  for (const check of checks) {
    try {
      results.push(check());
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== "INVALID_INPUT" || !e.field) throw e;
      failed.push(e);
      results.push(undefined);
    }
  }
  const [first, ...rest] = failed;
  if (!first) return results as { [K in keyof T]: ReturnType<T[K]> };
  const otherFields: Record<string, string> = { ...first.otherFields };
  for (const e of rest) for (const [field, message] of Object.entries({ [e.field!]: e.message, ...e.otherFields })) if (field !== first.field) otherFields[field] ??= message;
  throw new AppError("INVALID_INPUT", { message: first.message, field: first.field, reason: first.reason, otherFields });
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

/**
 * The one rule for free text a person or a client types (docs/SECURITY.md "Text input"; the rule
 * itself is lib/core/safe-text.ts, which client components use without zod). Returns a zod
 * refinement for `.superRefine()`: a field error naming `label`, with `reason` when the API
 * answers the field's failures with a code of their own (else 101).
 */
export function safeText(label: string, opts: { multiline?: boolean; reason?: ErrorReason } = {}) {
  return (v: string, ctx: z.RefinementCtx): void => {
    const problem = unsafeTextProblem(label, v, opts.multiline);
    if (problem) issue(ctx, problem, opts.reason);
  };
}

/** A phone number field: normalised to E.164 (lib/core/phone.ts), with one clear message when it is not one. */
export const ZE164 = z.string({ error: "Enter a phone number" }).transform((v, ctx) => {
  const n = toE164(v);
  if (!n) {
    issue(ctx, "Enter the number in international format: + then the country code and number, e.g. +14155550123");
    return z.NEVER;
  }
  return n;
});
