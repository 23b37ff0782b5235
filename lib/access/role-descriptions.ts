// What each assignable role is for, in one line, for the roles picker (issue 8, item 6). Written
// from the seed's access table (docs/seeds/000_*, 001_*: what each role opens) and its FAQ
// (Supervisor listens to recordings but cannot delete them; UserManager manages users and
// SmartQueue skills but no scenarios, rules or numbers). role-descriptions.test.ts checks each
// line against the matrix, so a description cannot promise a section the role does not hold.
import type { AssignableRole, SectionId } from "./matrix";

export type RoleDescription = {
  /** One line: what a person with this role does in the panel. */
  text: string;
  /** Sections the line names; each must be granted by the role (checked by the test). */
  names: readonly SectionId[];
  /** Sections the line says the role lacks; each must be refused to it. */
  lacks: readonly SectionId[];
};

export const ROLE_DESCRIPTIONS: Record<AssignableRole, RoleDescription> = {
  Owner: {
    text: "Runs the whole account like its owner, but cannot add or edit subusers.",
    names: ["applications", "billing", "subusers", "numbers.list"],
    lacks: ["subusers.create", "subusers.edit"],
  },
  Admin: {
    text: "Manages applications, numbers, SMS, billing and security day to day; no subusers.",
    names: ["applications", "numbers.list", "sms.one_way", "billing", "security"],
    lacks: ["subusers"],
  },
  Developer: {
    text: "Builds applications: scenarios, rules, queues and storage, with call history and logs.",
    names: ["application.scenarios", "application.rules", "application.queues", "application.kvs", "calls", "logs"],
    lacks: ["billing"],
  },
  Supervisor: {
    text: "Watches calls: call history and recordings (listens, cannot delete), queues and logs.",
    names: ["calls", "application.call_history", "application.queues", "logs"],
    lacks: ["recordings.delete"],
  },
  Support: {
    text: "Helps callers: looks up call history, call lists and logs, and opens Support.",
    names: ["calls", "application.call_lists", "logs", "support"],
    lacks: ["billing"],
  },
  Accountant: {
    text: "Handles money and numbers: billing, buying and attaching numbers, SMS history.",
    names: ["billing", "numbers.purchase", "numbers.attach", "sms.two_way_history"],
    lacks: ["calls"],
  },
  CallListManager: {
    text: "Runs outbound campaigns: creates call lists and appends lines to them.",
    names: ["application.call_lists", "application.call_lists.create", "application.call_lists.append"],
    lacks: ["application.scenarios"],
  },
  UserManager: {
    text: "Manages application users and SmartQueue skills; no scenarios, rules or numbers.",
    names: ["application.users"],
    lacks: ["application.scenarios", "application.rules", "numbers.list"],
  },
  Payer: {
    text: "Pays for the account: billing, including the account verification documents.",
    names: ["billing", "billing.verification"],
    lacks: [],
  },
  PayerNoVerify: {
    text: "Pays for the account: billing, without the account verification documents.",
    names: ["billing"],
    lacks: ["billing.verification"],
  },
  PhoneNumberManager: {
    text: "Looks after phone numbers only: buys, attaches, releases and reserves them.",
    names: ["numbers.purchase", "numbers.attach", "numbers.deactivate", "numbers.reserved"],
    lacks: ["applications", "billing"],
  },
};

/** The one-line description of a role. */
export function describeRole(role: AssignableRole): string {
  return ROLE_DESCRIPTIONS[role].text;
}
