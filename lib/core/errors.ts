// The closed set of expected failures. Each code maps once to an HTTP status and a Management
// API error code; anything else is unexpected, logged, and shown as a generic error.
export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "INVALID_INPUT";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 400,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  /// The input field the error is about, for forms and API messages.
  readonly field?: string;
  /// A Management API error code that is more specific than the default for `code`.
  readonly apiCode?: number;

  constructor(code: ErrorCode, opts: { message: string; field?: string; apiCode?: number }) {
    super(opts.message);
    this.name = "AppError";
    this.code = code;
    this.field = opts.field;
    this.apiCode = opts.apiCode;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export const forbidden = (message: string) => new AppError("FORBIDDEN", { message });
export const notFound = (what: string, field?: string) =>
  new AppError("NOT_FOUND", { message: `${what} not found`, field });
export const conflict = (field: string, message: string, apiCode?: number) =>
  new AppError("CONFLICT", { message, field, apiCode });
export const invalid = (field: string, message: string, apiCode?: number) =>
  new AppError("INVALID_INPUT", { message, field, apiCode });

/** Prisma's unique violation (P2002), with the fields it names when the driver reports them. */
export function uniqueViolationFields(e: unknown): string[] | null {
  if (typeof e !== "object" || e === null || (e as { code?: unknown }).code !== "P2002") return null;
  const meta = (e as { meta?: Record<string, unknown> }).meta ?? {};
  const target = meta.target;
  if (Array.isArray(target)) return target.map(String);
  const cause = (meta.driverAdapterError as { cause?: { constraint?: { fields?: string[] } } })?.cause;
  return cause?.constraint?.fields ?? [];
}
