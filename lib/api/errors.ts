// Management API errors: always HTTP 200 with {"error":{"code","msg"}} (the Go, Java and Node
// clients only read error bodies on 2xx). Expected failures carry a contract code; anything
// else is logged and answered as code 1 "Internal error", never with a stack or a DB message.
import { isAppError, type AppError } from "@/lib/core/errors";

export const API_ERROR = {
  INTERNAL: 1,
  AUTH_FAILED: 100,
  INVALID_ARGUMENTS: 101,
  MISSING_CMD: 102,
  UNKNOWN_CMD: 103,
  FORBIDDEN_CMD: 104,
  REQUIRED_EMPTY: 134,
  RATE_LIMITED: 340,
  INVALID_KEY_ID: 433,
  INVALID_SUBUSER_ID: 434,
  INVALID_ROLE_SET: 435,
  MAX_KEYS: 437,
  INVALID_ROLE_ID: 440,
  INVALID_ROLE_NAME: 441,
  BAD_TOKEN_FORMAT: 447,
  ROLE_ID_AND_NAME: 449,
  TOKEN_TTL: 454,
  TOKEN_FROM_FUTURE: 455,
  TOKEN_EXPIRED: 456,
  ONLY_ONE_OF: 458,
  SPECIFY_PARAM: 485,
} as const;

/** An error answered to the client as is. */
export class ApiError extends Error {
  readonly code: number;
  constructor(code: number, msg: string) {
    super(msg);
    this.name = "ApiError";
    this.code = code;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** How a method names AppError fields and codes that carry no apiCode of their own. */
export type ErrorMapping = {
  /**
   * Domain input field -> wire parameter, so messages name what the client sent. A list names
   * alternatives (role_id / role_name): the first one the request carries is named.
   */
  fields?: Record<string, string | readonly string[]>;
  /** The code for NOT_FOUND (e.g. 434 invalid subuser id). Default 101. */
  notFound?: number;
  /** CONFLICT codes by domain field (e.g. name -> 436). Default 101. */
  conflict?: Record<string, number>;
};

export function wireName(field: string | undefined, mapping: ErrorMapping, sent: ReadonlySet<string> = new Set()): string | undefined {
  if (!field) return undefined;
  const target = mapping.fields?.[field] ?? field;
  if (typeof target === "string") return target;
  return target.find((t) => sent.has(t)) ?? target[0];
}

/** AppError -> the contract's code and a message naming the wire parameter. */
export function fromAppError(e: AppError, mapping: ErrorMapping = {}, sent?: ReadonlySet<string>): ApiError {
  const param = wireName(e.field, mapping, sent);
  let code: number;
  switch (e.code) {
    case "FORBIDDEN":
      code = API_ERROR.FORBIDDEN_CMD;
      break;
    case "UNAUTHENTICATED":
      code = API_ERROR.AUTH_FAILED;
      break;
    case "NOT_FOUND":
      code = mapping.notFound ?? API_ERROR.INVALID_ARGUMENTS;
      break;
    case "CONFLICT":
      code = (e.field && mapping.conflict?.[e.field]) || API_ERROR.INVALID_ARGUMENTS;
      break;
    default:
      code = API_ERROR.INVALID_ARGUMENTS;
  }
  if (e.apiCode) code = e.apiCode;
  const msg = param && e.code === "INVALID_INPUT" ? `Invalid '${param}': ${e.message}` : param && e.code !== "FORBIDDEN" ? `${e.message} (parameter '${param}')` : e.message;
  return new ApiError(code, msg);
}

/** Any thrown value -> the error answered. Unexpected ones are logged here and masked. */
export function toApiError(e: unknown, mapping: ErrorMapping = {}, sent?: ReadonlySet<string>): ApiError {
  if (isApiError(e)) return e;
  if (isAppError(e)) return fromAppError(e, mapping, sent);
  console.error("Management API: unexpected error", e);
  return new ApiError(API_ERROR.INTERNAL, "Internal error");
}

export function errorBody(e: ApiError): { error: { code: number; msg: string } } {
  return { error: { code: e.code, msg: e.message } };
}
