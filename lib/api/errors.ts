// Management API errors: always HTTP 200 with {"error":{"code","msg"}} (the Go, Java and Node
// clients only read error bodies on 2xx). Expected failures carry a contract code; anything
// else is logged and answered as code 1 "Internal error", never with a stack or a DB message.
import { isAppError, type AppError } from "@/lib/core/errors";
import { API_ERROR, apiCodeOf } from "./codes";

export { API_ERROR } from "./codes";

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

/** How a method's domain errors name their fields on the wire (codes come from lib/api/codes.ts). */
export type ErrorMapping = {
  /**
   * Domain input field -> wire parameter, so messages name what the client sent. A list names
   * alternatives (role_id / role_name): the first one the request carries is named.
   */
  fields?: Record<string, string | readonly string[]>;
};

/**
 * The wire parameter a domain field is named as. With `params` (the method's parameters), a name
 * outside them (a domain field the mapping lacks) is undefined: a message names no parameter
 * rather than one the client cannot send.
 */
export function wireName(field: string | undefined, mapping: ErrorMapping, sent: ReadonlySet<string> = new Set(), params?: ReadonlySet<string>): string | undefined {
  if (!field) return undefined;
  const target = mapping.fields?.[field] ?? field;
  const name = typeof target === "string" ? target : (target.find((t) => sent.has(t)) ?? target[0]);
  return params && name !== undefined && !params.has(name) ? undefined : name;
}

/** AppError -> the contract's code and a message naming the wire parameter (one of `params`, when given). */
export function fromAppError(e: AppError, mapping: ErrorMapping = {}, sent?: ReadonlySet<string>, params?: ReadonlySet<string>): ApiError {
  const param = wireName(e.field, mapping, sent, params);
  const code = apiCodeOf(e);
  const msg = param && e.code === "INVALID_INPUT" ? `Invalid '${param}': ${e.message}` : param && e.code !== "FORBIDDEN" ? `${e.message} (parameter '${param}')` : e.message;
  return new ApiError(code, msg);
}

/** Any thrown value -> the error answered. Unexpected ones are logged here and masked. */
export function toApiError(e: unknown, mapping: ErrorMapping = {}, sent?: ReadonlySet<string>, params?: ReadonlySet<string>): ApiError {
  if (isApiError(e)) return e;
  if (isAppError(e)) return fromAppError(e, mapping, sent, params);
  console.error("Management API: unexpected error", e);
  return new ApiError(API_ERROR.INTERNAL, "Internal error");
}

export function errorBody(e: ApiError): { error: { code: number; msg: string } } {
  return { error: { code: e.code, msg: e.message } };
}
