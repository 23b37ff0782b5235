// Management API methods and the key roles allowed to call them (docs/management-api.md), beside
// the panel matrix: one source of truth. "any" methods are open to every valid key, even one
// with no roles. Roles "with section X" are derived from the panel matrix, not listed again.
import { ASSIGNABLE_ROLES, isOwnerOnly, rolesGranting, type AssignableRole, type SectionId } from "./matrix";

const withSection = (id: SectionId): AssignableRole[] =>
  rolesGranting(id).filter((r): r is AssignableRole => r !== "MainAccount");
/** Roles with any of the sections, in the matrix's order. */
const withAnySection = (...ids: SectionId[]): AssignableRole[] =>
  ASSIGNABLE_ROLES.filter((r) => ids.some((id) => withSection(id).includes(r)));
/** Roles with every one of the sections, in the matrix's order. */
const withAllSections = (...ids: SectionId[]): AssignableRole[] =>
  ASSIGNABLE_ROLES.filter((r) => ids.every((id) => withSection(id).includes(r)));

export const API_METHOD_ROLES = {
  AddSubUser: ["Owner"],
  GetSubUsers: ["Owner"],
  SetSubUserInfo: ["Owner"],
  DelSubUser: ["Owner"],
  SetSubUserRoles: ["Owner"],
  GetSubUserRoles: ["Owner"],
  RemoveSubUserRoles: ["Owner"],
  CreateKey: "any",
  GetKeys: "any",
  UpdateKey: "any",
  DeleteKey: "any",
  SetKeyRoles: "any",
  GetKeyRoles: "any",
  RemoveKeyRoles: "any",
  GetRoles: "any",
  GetRoleGroups: "any",
  GetAccountInfo: "any",
  AddApplication: ["Owner", "Admin"],
  GetApplications: withSection("applications"),
  SetApplicationInfo: ["Owner", "Admin"],
  DelApplication: ["Owner"],
  AddUser: ["Owner", "Admin", "UserManager"],
  GetUsers: ["Owner", "Admin", "Developer", "Supervisor", "UserManager"],
  SetUserInfo: ["Owner", "Admin", "UserManager"],
  DelUser: ["Owner", "Admin", "UserManager"],
  // Ours (transferToAppUser, lib/domains/app-users/mutations.ts): moving the account's money to a user's separate
  // balance needs the users and the money, as in the panel.
  TransferMoneyToUser: withAllSections("application.users", "billing"),
  AddAccount: ["Owner", "Admin"],
  GetChildrenAccounts: ["Owner", "Admin"],
  SetChildAccountInfo: ["Owner", "Admin"],
  SetKeyValueItem: withSection("application.kvs"),
  GetKeyValueItem: withSection("application.kvs"),
  GetKeyValueItems: withSection("application.kvs"),
  GetKeyValueKeys: withSection("application.kvs"),
  DelKeyValueItem: withSection("application.kvs"),
  // Phone numbers, the PSTN blacklist, caller IDs, SMS and money (docs/management-api.md "Method
  // families added with the breadth issues"): each method's roles are those of the panel section
  // that covers what it does.
  GetNewPhoneNumbers: withSection("numbers.available"),
  GetPhoneNumberCategories: withSection("numbers.available"),
  GetPhoneNumberCountryStates: withSection("numbers.available"),
  GetPhoneNumberRegions: withSection("numbers.available"),
  AttachPhoneNumber: withSection("numbers.purchase"),
  BindPhoneNumberToApplication: withSection("numbers.attach"),
  DeactivatePhoneNumber: withSection("numbers.deactivate"),
  SetPhoneNumberInfo: withSection("numbers.parameters"),
  GetPhoneNumbers: withSection("numbers.list"),
  IsAccountPhoneNumber: withSection("numbers.list"),
  GetAccountPhoneNumberCountries: withSection("numbers.list"),
  AddPstnBlackListItem: withSection("numbers.blocked"),
  SetPstnBlackListItem: withSection("numbers.blocked"),
  DelPstnBlackListItem: withSection("numbers.blocked"),
  GetPstnBlackList: withSection("numbers.blocked"),
  AddCallerID: withSection("caller_ids"),
  ActivateCallerID: withSection("caller_ids"),
  VerifyCallerID: withSection("caller_ids"),
  DelCallerID: withSection("caller_ids"),
  GetCallerIDs: withSection("caller_ids"),
  SendSmsMessage: withSection("sms.two_way"),
  ControlSms: withSection("sms.two_way"),
  GetSmsHistory: withSection("sms.two_way_history"),
  A2PSendSms: withSection("sms.one_way"),
  A2PGetSmsHistory: withSection("sms.one_way_history"),
  GetTransactionHistory: withSection("billing"),
  GetResourcePrice: withSection("billing"),
  GetAccountInvoices: withSection("billing"),
  // Scenarios and rules (docs/management-api.md: Scenarios = application.scenarios, Rules =
  // application.rules). BindScenario and ReorderScenarios change a rule's scenarios, as the
  // Scenarios family of the reference does.
  AddScenario: withSection("application.scenarios"),
  DelScenario: withSection("application.scenarios"),
  BindScenario: withSection("application.scenarios"),
  GetScenarios: withSection("application.scenarios"),
  SetScenarioInfo: withSection("application.scenarios"),
  ReorderScenarios: withSection("application.scenarios"),
  AddRule: withSection("application.rules"),
  DelRule: withSection("application.rules"),
  SetRuleInfo: withSection("application.rules"),
  GetRules: withSection("application.rules"),
  ReorderRules: withSection("application.rules"),
  // Calls: starting a session is a tool of the scenario and rule editors; the history is the
  // account's (calls) or an application's (application.call_history, with application_id);
  // deleting a recording is its own row (the seed's FAQ: Supervisor listens but cannot delete).
  StartScenarios: withAnySection("application.scenarios", "application.rules"),
  GetCallHistory: withAnySection("calls", "application.call_history"),
  // The contract gives GetBriefCallHistory to the history's holders (docs/management-api.md),
  // though the panel's CSV needs the download rows; listing and fetching reports go with it.
  GetBriefCallHistory: withAnySection("calls", "application.call_history"),
  GetHistoryReports: withAnySection("calls", "application.call_history"),
  DownloadHistoryReport: withAnySection("calls", "application.call_history"),
  DeleteRecord: withSection("recordings.delete"),
  GetRecordStorages: withAnySection("calls", "application.call_history"),
  // Call lists (the matrix's three rows): creating and appending are their own rows; reading,
  // editing, stopping, recovering and deleting a list are the page's (application.call_lists).
  CreateCallList: withSection("application.call_lists.create"),
  AppendToCallList: withSection("application.call_lists.append"),
  GetCallLists: withSection("application.call_lists"),
  GetCallListDetails: withSection("application.call_lists"),
  EditCallList: withSection("application.call_lists"),
  StopCallListProcessing: withSection("application.call_lists"),
  RecoverCallList: withSection("application.call_lists"),
  DeleteCallList: withSection("application.call_lists"),
  CancelCallListTask: withSection("application.call_lists"),
  EditCallListTask: withSection("application.call_lists"),
  // The audit log (ours: the Logs section's holders, as every read method follows its section).
  GetAuditLog: withSection("logs"),
  // Dialogflow keys: the section of the application's Dialogflow page.
  AddDialogflowKey: withSection("application.dialogflow_agents"),
  SetDialogflowKey: withSection("application.dialogflow_agents"),
  DelDialogflowKey: withSection("application.dialogflow_agents"),
  GetDialogflowKeys: withSection("application.dialogflow_agents"),
  BindDialogflowKeys: withSection("application.dialogflow_agents"),
  // Push credentials: the section of the application's Push certificates page.
  AddPushCredential: withSection("application.push_certificates"),
  SetPushCredential: withSection("application.push_certificates"),
  DelPushCredential: withSection("application.push_certificates"),
  GetPushCredential: withSection("application.push_certificates"),
  BindPushCredential: withSection("application.push_certificates"),
  // The Management API's authorized IP lists: the Security section (the reference gives these
  // methods Owner, Admin and Developer, the same roles).
  AddAuthorizedAccountIP: withSection("security"),
  DelAuthorizedAccountIP: withSection("security"),
  GetAuthorizedAccountIPs: withSection("security"),
  CheckAuthorizedAccountIP: withSection("security"),
  // SIP registrations (ours): creating, changing and deleting one (a monthly subscription) is the
  // account-wide page's ("All SIP registrations"); binding one to an application's rule or user
  // is the application's page's, also when Create/Update carry the binding (the domain asks for
  // BindSipRegistration's roles then); reading is either page's.
  CreateSipRegistration: withSection("sip_registrations"),
  UpdateSipRegistration: withSection("sip_registrations"),
  DeleteSipRegistration: withSection("sip_registrations"),
  BindSipRegistration: withSection("application.sip_registrations"),
  GetSipRegistrations: withAnySection("sip_registrations", "application.sip_registrations"),
  // SmartQueue (ours, decided): queues and binding agents to them are the application's Queues
  // page's; the skill catalogue, binding skills to users and agent settings are also the Users
  // page's, since the seed's UserManager manages users and their SmartQueue skills
  // (docs/seeds FAQ, docs/PRODUCT.md section 2).
  SQ_AddQueue: withSection("application.queues"),
  SQ_SetQueueInfo: withSection("application.queues"),
  SQ_DelQueue: withSection("application.queues"),
  SQ_GetQueues: withSection("application.queues"),
  SQ_BindAgent: withSection("application.queues"),
  SQ_UnbindAgent: withSection("application.queues"),
  SQ_AddSkill: withAnySection("application.queues", "application.users"),
  SQ_DelSkill: withAnySection("application.queues", "application.users"),
  SQ_SetSkillInfo: withAnySection("application.queues", "application.users"),
  SQ_GetSkills: withAnySection("application.queues", "application.users"),
  SQ_BindSkill: withAnySection("application.queues", "application.users"),
  SQ_UnbindSkill: withAnySection("application.queues", "application.users"),
  SQ_GetAgents: withAnySection("application.queues", "application.users"),
  SQ_SetAgentInfo: withAnySection("application.queues", "application.users"),
} as const satisfies Record<string, readonly AssignableRole[] | "any">;

export type ApiMethod = keyof typeof API_METHOD_ROLES;

export const API_METHODS = Object.keys(API_METHOD_ROLES) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_METHOD_ROLES, name);
}

/** The key roles allowed to call a method (every assignable role for "any"). */
export function apiMethodRoles(method: ApiMethod): readonly AssignableRole[] {
  const allowed = API_METHOD_ROLES[method];
  return allowed === "any" ? ASSIGNABLE_ROLES : allowed;
}

/** Whether a key holding `roles` may call `method`. Fails closed for unknown roles. */
export function canCallApi(roles: readonly string[], method: ApiMethod): boolean {
  const allowed = API_METHOD_ROLES[method];
  if (allowed === "any") return true;
  return roles.some((r) => (allowed as readonly string[]).includes(r));
}

/** The child-account methods: child accounts are the account owner's alone (docs/PRODUCT.md section 5). */
export const CHILD_ACCOUNT_METHODS = ["AddAccount", "GetChildrenAccounts", "SetChildAccountInfo"] as const satisfies readonly ApiMethod[];

/** The panel section each subuser-changing method does the work of (docs/PRODUCT.md section 9). */
const METHOD_SECTIONS: Partial<Record<ApiMethod, SectionId>> = {
  AddSubUser: "subusers.create",
  SetSubUserInfo: "subusers.edit",
  DelSubUser: "subusers.edit",
  SetSubUserRoles: "subusers.edit",
  RemoveSubUserRoles: "subusers.edit",
  GetSubUsers: "subusers",
  GetSubUserRoles: "subusers",
};

/**
 * Owner-only reach (docs/management-api.md "Owner-only reach"): methods doing what only the
 * account owner (MainAccount) may do in the panel (their section is owner-only: creating and
 * editing subusers), and every child-account method. Only keys the account owner created call
 * them; a subuser's key never does, whatever its roles (an Owner subuser could otherwise mint an
 * Owner key and create itself an Admin subuser).
 */
export function needsOwnerReach(method: ApiMethod): boolean {
  if ((CHILD_ACCOUNT_METHODS as readonly string[]).includes(method)) return true;
  const section = METHOD_SECTIONS[method];
  return section !== undefined && isOwnerOnly(section);
}

/**
 * Whether a key may call a method at all: its roles allow it, and an owner-reach method only when
 * the account owner created the key (`subuserId` null). Fails closed for unknown roles. The
 * pipeline asks this before parsing anything (104); domain functions ask again (authorize).
 */
export function keyMayCall(key: { roles: readonly string[]; subuserId: number | null }, method: ApiMethod): boolean {
  return canCallApi(key.roles, method) && (key.subuserId === null || !needsOwnerReach(method));
}
