// The one rule for free text a person or a client types (docs/SECURITY.md "Text input"), as a
// plain function: lib/core/validate.ts's safeText wraps it for zod schemas, and client components
// check with it directly, without loading zod (issue 11: first-load JavaScript per route).

// C0 controls, DEL and C1 controls; multi-line text keeps tab, line feed and carriage return
// (browsers send a textarea's line breaks as CRLF).
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * What is wrong with `v` as text named `label`, or null: a lone UTF-16 surrogate (it cannot be
 * stored as UTF-8 and comes back as something else) or a control character (NUL and the rest of
 * C0, DEL, C1), except tab and line breaks in multi-line text.
 */
export function unsafeTextProblem(label: string, v: string, multiline = false): string | null {
  if (!v.isWellFormed()) return `${label} contains an invalid character (a lone UTF-16 surrogate)`;
  if ((multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(v)) {
    return multiline ? `${label} must not contain control characters other than tabs and line breaks` : `${label} must not contain control characters`;
  }
  return null;
}
