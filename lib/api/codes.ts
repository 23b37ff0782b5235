// The Management API's error codes (docs/management-api.md "Error codes to use"), and the one place
// where expected failures become them: an AppError's reason, when it has one, else its code.
// Pure: no database, no request.
import type { AppError, ErrorCode, ErrorReason } from "@/lib/core/errors";

export const API_ERROR = {
  INTERNAL: 1,
  AUTH_FAILED: 100,
  INVALID_ARGUMENTS: 101,
  MISSING_CMD: 102,
  UNKNOWN_CMD: 103,
  FORBIDDEN_CMD: 104,
  INVALID_APPLICATION_NAME: 107,
  INVALID_DATE: 111,
  INVALID_ACCOUNT_ID: 115,
  INVALID_APPLICATION_ID: 116,
  INVALID_USER_ID: 117,
  USER_NAME_NOT_UNIQUE: 118,
  APPLICATION_NAME_NOT_UNIQUE: 129,
  REQUIRED_EMPTY: 134,
  INVALID_DISPLAY_NAME: 157,
  CUSTOM_DATA_TOO_LONG: 212,
  RATE_LIMITED: 340,
  INVALID_KEY_ID: 433,
  INVALID_SUBUSER_ID: 434,
  INVALID_ROLE_SET: 435,
  SUBUSER_NAME_NOT_UNIQUE: 436,
  MAX_KEYS: 437,
  MAX_SUBUSERS: 438,
  SUBUSER_KEYS_HOLD_ROLES: 439,
  INVALID_ROLE_ID: 440,
  INVALID_ROLE_NAME: 441,
  BAD_TOKEN_FORMAT: 447,
  CURRENT_PASSWORD_MISSING: 448,
  ROLE_ID_AND_NAME: 449,
  SUBUSER_NAME_LENGTH: 452,
  SUBUSER_NAME_SYMBOLS: 453,
  TOKEN_TTL: 454,
  TOKEN_FROM_FUTURE: 455,
  TOKEN_EXPIRED: 456,
  ONLY_ONE_OF: 458,
  PASSWORD_BLANK: 463,
  PASSWORD_COMPOSITION: 464,
  SPECIFY_PARAM: 485,
  PASSWORD_TOO_WEAK: 523,
  PASSWORD_WHITESPACE: 524,
  APPLICATION_NOT_FOUND: 558,
  /** The user spends the account's balance (parent accounting on): no money can move to it. */
  CANNOT_TRANSFER_TO_USER: 573,
  // Ours (600 and up: no Voximplant code means these), for the numbers, SMS and money methods.
  /** A charge the balance (plus the account's credit limit) cannot cover. */
  INSUFFICIENT_FUNDS: 601,
  /** No such phone number on the account (or in the catalogue). */
  INVALID_PHONE_NUMBER: 602,
  /** The number is not available to buy or reserve any more. */
  PHONE_NUMBER_UNAVAILABLE: 603,
  /** Numbers of this country can be bought only by a verified account. */
  VERIFICATION_REQUIRED: 604,
  /** No such PSTN blacklist entry on the account. */
  INVALID_BLACKLIST_ENTRY: 605,
  /** No such caller ID on the account. */
  INVALID_CALLER_ID: 606,
  /** The caller ID's verification code is wrong, expired or used up. */
  CALLER_ID_CODE_WRONG: 607,
  /** The SMS source is not one of the account's SMS-enabled numbers (or, for A2P, a sender ID or verified caller ID). */
  INVALID_SMS_SOURCE: 608,
  // Scenarios and rules (620 and up).
  /** No such scenario on the account (or not usable in the rule's application). */
  INVALID_SCENARIO: 620,
  /** No such rule on the account. */
  INVALID_RULE: 621,
  /** A scenario of this name already exists in the account. */
  SCENARIO_NAME_NOT_UNIQUE: 622,
  /** A rule of this name already exists in the application. */
  RULE_NAME_NOT_UNIQUE: 623,
  /** The scenario is bound to a rule: unbind it first. */
  SCENARIO_IN_USE: 624,
  /** The rule pattern does not compile or can backtrack catastrophically. */
  INVALID_RULE_PATTERN: 625,
  // Ours, for the call history and the call simulator (630 and up, after the scenarios' and rules' 620s).
  /** No such call session on the account. */
  INVALID_CALL_SESSION: 630,
  /** No such recording on the account (or it was deleted). */
  INVALID_RECORD: 631,
  /** No rule of the application routes the call (no such rule, or none matches what was dialled). */
  CALL_NOT_ROUTED: 632,
  /** The caller cannot be used: not a user of the application, not the account's number or verified caller ID. */
  INVALID_CALLER: 633,
  /** The session has already ended. */
  CALL_NOT_RUNNING: 634,
  /** No such history report on the account. */
  INVALID_HISTORY_REPORT: 635,
  /** No such call list on the account. */
  INVALID_CALL_LIST: 636,
  /** The call list's CSV cannot be used (no header, a bad line, too many rows, a header unlike the list's). */
  INVALID_CALL_LIST_FILE: 637,
  // Ours, for Dialogflow keys (640 and up).
  /** No such Dialogflow key on the account. */
  INVALID_DIALOGFLOW_KEY: 640,
  /** The JSON is not a Google Cloud service account key (the message says what is wrong). */
  INVALID_DIALOGFLOW_CREDENTIALS: 641,
  /** The account has as many Dialogflow keys as it may (100). */
  MAX_DIALOGFLOW_KEYS: 642,
  /** This key (its private_key_id) is already in the account: bind it instead (BindDialogflowKeys). */
  DIALOGFLOW_KEY_EXISTS: 643,
  // Ours, for the authorized IP lists (644 and up).
  /** Not an IPv4 address or network. */
  INVALID_AUTHORIZED_IP: 644,
  /** The network is already on that list. */
  AUTHORIZED_IP_EXISTS: 645,
  /** The account's lists hold as many entries as they may (100). */
  MAX_AUTHORIZED_IPS: 646,
  // Ours, for SIP registrations (647 and up).
  /** No such SIP registration on the account. */
  INVALID_SIP_REGISTRATION: 647,
  /** The account already registers this user on this proxy. */
  SIP_REGISTRATION_EXISTS: 648,
  /** The account has as many SIP registrations as it may (100). */
  MAX_SIP_REGISTRATIONS: 649,
  // Ours, for push credentials (650 and up).
  /** No such push credential on the account. */
  INVALID_PUSH_CREDENTIAL: 650,
  /** The credential's fields cannot be used (the message says which and why: a .p12 that does not open, an expired certificate, ...). */
  INVALID_PUSH_CREDENTIAL_CONTENT: 651,
  /** The account has as many push credentials as it may (100). */
  MAX_PUSH_CREDENTIALS: 652,
  /** This credential (the same certificate, key or Huawei app) is already in the account: bind it instead (BindPushCredential). */
  PUSH_CREDENTIAL_EXISTS: 653,
  /** The application already has a credential for this provider, bundle and APNs environment. */
  PUSH_CREDENTIAL_SLOT_TAKEN: 654,
  // Ours, for SmartQueue (660 and up).
  /** No such queue in the application (SQ_SetQueueInfo, SQ_BindAgent, ... by sq_queue_id or sq_queue_name). */
  INVALID_SQ_QUEUE: 660,
  /** No such skill in the application (by sq_skill_id or sq_skill_name). */
  INVALID_SQ_SKILL: 661,
  /** A queue of this name (ignoring letter case) already exists in the application. */
  SQ_QUEUE_NAME_NOT_UNIQUE: 662,
  /** A skill of this name (ignoring letter case) already exists in the application. */
  SQ_SKILL_NAME_NOT_UNIQUE: 663,
  /** The application has as many queues as it may (100). */
  MAX_SQ_QUEUES: 664,
  /** The application has as many skills as it may (500). */
  MAX_SQ_SKILLS: 665,
} as const;

/** Each reason's code. A new reason fails to compile until it is listed here. */
export const REASON_CODES: Record<ErrorReason, number> = {
  required_empty: API_ERROR.REQUIRED_EMPTY,
  parameter_missing: API_ERROR.SPECIFY_PARAM,
  exclusive_parameters: API_ERROR.ONLY_ONE_OF,
  account_not_found: API_ERROR.INVALID_ACCOUNT_ID,
  application_id_invalid: API_ERROR.INVALID_APPLICATION_ID,
  application_name_invalid: API_ERROR.INVALID_APPLICATION_NAME,
  application_name_taken: API_ERROR.APPLICATION_NAME_NOT_UNIQUE,
  application_not_found: API_ERROR.APPLICATION_NOT_FOUND,
  user_not_found: API_ERROR.INVALID_USER_ID,
  user_name_taken: API_ERROR.USER_NAME_NOT_UNIQUE,
  display_name_invalid: API_ERROR.INVALID_DISPLAY_NAME,
  custom_data_too_long: API_ERROR.CUSTOM_DATA_TOO_LONG,
  key_not_found: API_ERROR.INVALID_KEY_ID,
  key_limit: API_ERROR.MAX_KEYS,
  subuser_not_found: API_ERROR.INVALID_SUBUSER_ID,
  subuser_name_length: API_ERROR.SUBUSER_NAME_LENGTH,
  subuser_name_symbols: API_ERROR.SUBUSER_NAME_SYMBOLS,
  subuser_name_taken: API_ERROR.SUBUSER_NAME_NOT_UNIQUE,
  subuser_limit: API_ERROR.MAX_SUBUSERS,
  role_set_invalid: API_ERROR.INVALID_ROLE_SET,
  role_unknown: API_ERROR.INVALID_ROLE_NAME,
  role_held_by_keys: API_ERROR.SUBUSER_KEYS_HOLD_ROLES,
  current_password_missing: API_ERROR.CURRENT_PASSWORD_MISSING,
  password_blank: API_ERROR.PASSWORD_BLANK,
  password_composition: API_ERROR.PASSWORD_COMPOSITION,
  password_common: API_ERROR.PASSWORD_TOO_WEAK,
  password_whitespace: API_ERROR.PASSWORD_WHITESPACE,
  insufficient_funds: API_ERROR.INSUFFICIENT_FUNDS,
  user_transfer_refused: API_ERROR.CANNOT_TRANSFER_TO_USER,
  phone_number_not_found: API_ERROR.INVALID_PHONE_NUMBER,
  phone_number_unavailable: API_ERROR.PHONE_NUMBER_UNAVAILABLE,
  verification_required: API_ERROR.VERIFICATION_REQUIRED,
  blacklist_entry_not_found: API_ERROR.INVALID_BLACKLIST_ENTRY,
  caller_id_not_found: API_ERROR.INVALID_CALLER_ID,
  caller_id_code_wrong: API_ERROR.CALLER_ID_CODE_WRONG,
  sms_source_invalid: API_ERROR.INVALID_SMS_SOURCE,
  scenario_not_found: API_ERROR.INVALID_SCENARIO,
  scenario_name_taken: API_ERROR.SCENARIO_NAME_NOT_UNIQUE,
  scenario_in_use: API_ERROR.SCENARIO_IN_USE,
  rule_not_found: API_ERROR.INVALID_RULE,
  rule_name_taken: API_ERROR.RULE_NAME_NOT_UNIQUE,
  rule_pattern_invalid: API_ERROR.INVALID_RULE_PATTERN,
  call_session_not_found: API_ERROR.INVALID_CALL_SESSION,
  recording_not_found: API_ERROR.INVALID_RECORD,
  call_not_routed: API_ERROR.CALL_NOT_ROUTED,
  call_caller_invalid: API_ERROR.INVALID_CALLER,
  call_not_running: API_ERROR.CALL_NOT_RUNNING,
  history_report_not_found: API_ERROR.INVALID_HISTORY_REPORT,
  call_list_not_found: API_ERROR.INVALID_CALL_LIST,
  call_list_file_invalid: API_ERROR.INVALID_CALL_LIST_FILE,
  dialogflow_key_not_found: API_ERROR.INVALID_DIALOGFLOW_KEY,
  dialogflow_credentials_invalid: API_ERROR.INVALID_DIALOGFLOW_CREDENTIALS,
  dialogflow_key_limit: API_ERROR.MAX_DIALOGFLOW_KEYS,
  dialogflow_key_taken: API_ERROR.DIALOGFLOW_KEY_EXISTS,
  authorized_ip_invalid: API_ERROR.INVALID_AUTHORIZED_IP,
  authorized_ip_taken: API_ERROR.AUTHORIZED_IP_EXISTS,
  authorized_ip_limit: API_ERROR.MAX_AUTHORIZED_IPS,
  sip_registration_not_found: API_ERROR.INVALID_SIP_REGISTRATION,
  sip_registration_taken: API_ERROR.SIP_REGISTRATION_EXISTS,
  sip_registration_limit: API_ERROR.MAX_SIP_REGISTRATIONS,
  push_credential_not_found: API_ERROR.INVALID_PUSH_CREDENTIAL,
  push_credential_invalid: API_ERROR.INVALID_PUSH_CREDENTIAL_CONTENT,
  push_credential_limit: API_ERROR.MAX_PUSH_CREDENTIALS,
  push_credential_taken: API_ERROR.PUSH_CREDENTIAL_EXISTS,
  push_slot_taken: API_ERROR.PUSH_CREDENTIAL_SLOT_TAKEN,
  sq_queue_not_found: API_ERROR.INVALID_SQ_QUEUE,
  sq_skill_not_found: API_ERROR.INVALID_SQ_SKILL,
  sq_queue_name_taken: API_ERROR.SQ_QUEUE_NAME_NOT_UNIQUE,
  sq_skill_name_taken: API_ERROR.SQ_SKILL_NAME_NOT_UNIQUE,
  sq_queue_limit: API_ERROR.MAX_SQ_QUEUES,
  sq_skill_limit: API_ERROR.MAX_SQ_SKILLS,
};

const CODE_DEFAULTS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: API_ERROR.AUTH_FAILED,
  FORBIDDEN: API_ERROR.FORBIDDEN_CMD,
  NOT_FOUND: API_ERROR.INVALID_ARGUMENTS,
  CONFLICT: API_ERROR.INVALID_ARGUMENTS,
  INVALID_INPUT: API_ERROR.INVALID_ARGUMENTS,
};

/** The wire code of a reason, or of an error code without one. */
export function apiCodeOf(e: Pick<AppError, "code" | "reason">): number {
  return e.reason ? REASON_CODES[e.reason] : CODE_DEFAULTS[e.code];
}
