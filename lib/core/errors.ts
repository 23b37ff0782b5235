// The closed set of expected failures. Each code maps once to an HTTP status (here) and a
// Management API error code (lib/api/codes.ts); anything else is unexpected, logged, and shown
// as a generic error. Domain errors carry no wire codes: where a client must tell one failure
// from another of the same code, the error names its reason, and lib/api/codes.ts maps reasons
// to the contract's numbers in one table.
export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "INVALID_INPUT";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 400,
};

/** Why an expected failure happened, finer than its code (docs/management-api.md "Error codes to use"). */
export const ERROR_REASONS = [
  "required_empty",
  "parameter_missing",
  "exclusive_parameters",
  "account_not_found",
  "application_id_invalid",
  "application_name_invalid",
  "application_name_taken",
  "application_not_found",
  "user_not_found",
  "user_name_taken",
  "display_name_invalid",
  "custom_data_too_long",
  "key_not_found",
  "key_limit",
  "subuser_not_found",
  "subuser_name_length",
  "subuser_name_symbols",
  "subuser_name_taken",
  "subuser_limit",
  "role_set_invalid",
  "role_unknown",
  "role_held_by_keys",
  "current_password_missing",
  "password_blank",
  "password_composition",
  "password_common",
  "password_whitespace",
  "insufficient_funds",
  "user_transfer_refused",
  "phone_number_not_found",
  "phone_number_unavailable",
  "verification_required",
  "blacklist_entry_not_found",
  "caller_id_not_found",
  "caller_id_code_wrong",
  "sms_source_invalid",
  "scenario_not_found",
  "scenario_name_taken",
  "scenario_in_use",
  "rule_not_found",
  "rule_name_taken",
  "rule_pattern_invalid",
  "call_session_not_found",
  "recording_not_found",
  "call_not_routed",
  "call_caller_invalid",
  "call_not_running",
  "history_report_not_found",
  "call_list_not_found",
  "call_list_file_invalid",
  "dialogflow_key_not_found",
  "dialogflow_credentials_invalid",
  "dialogflow_key_limit",
  "dialogflow_key_taken",
  "authorized_ip_invalid",
  "authorized_ip_taken",
  "authorized_ip_limit",
  "sip_registration_not_found",
  "sip_registration_taken",
  "sip_registration_limit",
  "push_credential_not_found",
  "push_credential_invalid",
  "push_credential_limit",
  "push_credential_taken",
  "push_slot_taken",
  "sq_queue_not_found",
  "sq_skill_not_found",
  "sq_queue_name_taken",
  "sq_skill_name_taken",
  "sq_queue_limit",
  "sq_skill_limit",
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  /** The input field the error is about, for forms and API messages. */
  readonly field?: string;
  /** Why, when the code alone does not say enough (the API answers each reason with its own number). */
  readonly reason?: ErrorReason;
  /** The same refusal's errors on other fields (field -> message), so a form shows them all at once; the API names `field` only. */
  readonly otherFields?: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, opts: { message: string; field?: string; reason?: ErrorReason; otherFields?: Record<string, string> }) {
    super(opts.message);
    this.name = "AppError";
    this.code = code;
    this.field = opts.field;
    this.reason = opts.reason;
    if (opts.otherFields && Object.keys(opts.otherFields).length > 0) this.otherFields = opts.otherFields;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export const forbidden = (message: string) => new AppError("FORBIDDEN", { message });
export const notFound = (what: string, field?: string, reason?: ErrorReason) =>
  new AppError("NOT_FOUND", { message: `${what} not found`, field, reason });
export const conflict = (field: string, message: string, reason?: ErrorReason) =>
  new AppError("CONFLICT", { message, field, reason });
export const invalid = (field: string, message: string, reason?: ErrorReason) =>
  new AppError("INVALID_INPUT", { message, field, reason });

/** Prisma's unique violation (P2002), with the fields it names when the driver reports them. */
export function uniqueViolationFields(e: unknown): string[] | null {
  if (typeof e !== "object" || e === null || (e as { code?: unknown }).code !== "P2002") return null;
  const meta = (e as { meta?: Record<string, unknown> }).meta ?? {};
  const target = meta.target;
  if (Array.isArray(target)) return target.map(String);
  const cause = (meta.driverAdapterError as { cause?: { constraint?: { fields?: string[] } } })?.cause;
  return cause?.constraint?.fields ?? [];
}

/**
 * For a write's catch block: a unique violation that slipped past the check before it (two
 * concurrent creates) becomes the CONFLICT `asConflict` builds from the violated fields; any
 * other error is rethrown as is.
 */
export function rethrowUnique(e: unknown, asConflict: (fields: string[]) => AppError): never {
  const fields = uniqueViolationFields(e);
  if (fields) throw asConflict(fields);
  throw e;
}

/**
 * Runs `fn`; an AppError it throws on field `from` is thrown again on field `to` (same code,
 * message and reason), for a caller whose input names the field otherwise (a form's `amount` for
 * the domain's `amountMinor`). Every other error passes through as is.
 */
export async function renamingField<T>(from: string, to: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isAppError(e) && e.field === from) throw new AppError(e.code, { message: e.message, field: to, reason: e.reason });
    throw e;
  }
}
