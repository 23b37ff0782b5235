// The access matrix, loaded once from the seed's table (role-matrix.json). This module is the
// only place that knows which role grants what: the sidebar, every page, every server action,
// every API method and the tests ask it. It is pure, so client and server can both import it.
import matrixJson from "./role-matrix.json";
import { AppError } from "@/lib/core/errors";

export const ROLES = [
  "MainAccount",
  "Owner",
  "Admin",
  "Developer",
  "Supervisor",
  "Support",
  "Accountant",
  "CallListManager",
  "UserManager",
  "Payer",
  "PayerNoVerify",
  "PhoneNumberManager",
] as const;

/** Every role, including MainAccount (the account owner's own login, never assigned). */
export type Role = (typeof ROLES)[number];
export type AssignableRole = Exclude<Role, "MainAccount">;

/** The role an account owner's own login holds. */
export const OWNER_ROLE = "MainAccount" satisfies Role;

export const ASSIGNABLE_ROLES = ROLES.filter((r): r is AssignableRole => r !== OWNER_ROLE);

export const SECTION_IDS = [
  "control_panel",
  "applications",
  "application",
  "application.call_history",
  "application.call_history_downloads",
  "application.scenarios",
  "application.users",
  "application.phone_numbers",
  "application.rules",
  "application.queues",
  "application.call_lists",
  "application.call_lists.create",
  "application.call_lists.append",
  "application.sip_registrations",
  "application.push_certificates",
  "application.dialogflow_agents",
  "application.kvs",
  "calls",
  "calls.downloads",
  "calls.active_sessions",
  "recordings.delete",
  "numbers.all_actions",
  "numbers.purchase",
  "numbers.deactivate",
  "numbers.attach",
  "numbers.list",
  "numbers.available",
  "numbers.parameters",
  "numbers.reserved",
  "numbers.blocked",
  "sms.one_way",
  "sms.one_way_history",
  "sms.two_way",
  "sms.two_way_history",
  "billing",
  "billing.verification",
  "security",
  "api_keys",
  "webhooks",
  "caller_ids",
  "notification_settings",
  "subusers",
  "subusers.create",
  "subusers.edit",
  "service_accounts",
  "sip_registrations",
  "profile",
  "support",
  "support.tickets",
  "marketplace",
  "notification_history",
  "onboarding",
  "logs",
] as const;

/** A section id as spelled in role-matrix.json; a typo fails to compile. */
export type SectionId = (typeof SECTION_IDS)[number];

export type Section = {
  id: SectionId;
  title: string;
  group: string;
  roles: readonly Role[];
  kind: "page" | "action";
  /** Route of a page section; `[appId]` / `[numberId]` are placeholders. */
  path?: string;
  /** Where an action section lives in the UI. */
  ui?: string;
};

function load(): ReadonlyMap<SectionId, Section> {
  const known = new Set<string>(SECTION_IDS);
  const roles = new Set<string>(ROLES);
  const map = new Map<SectionId, Section>();
  for (const raw of matrixJson.sections) {
    // Fail loudly at load time if the JSON and the literal types above drift apart.
    if (!known.has(raw.id)) throw new Error(`role-matrix.json: unknown section id ${raw.id}`);
    for (const r of raw.roles) if (!roles.has(r)) throw new Error(`role-matrix.json: unknown role ${r}`);
    if (raw.kind !== "page" && raw.kind !== "action") throw new Error(`role-matrix.json: bad kind ${raw.kind}`);
    // "(ours)" marks a row this product added to the seed's table (its provenance), not words for
    // the people who read the title in a refusal, a 403 page or the Logs.
    const title = raw.title.replace(/\s*\(ours\)$/, "");
    map.set(raw.id as SectionId, { ...raw, id: raw.id as SectionId, title, roles: raw.roles as Role[], kind: raw.kind });
  }
  for (const id of SECTION_IDS) if (!map.has(id)) throw new Error(`role-matrix.json: missing section ${id}`);
  return map;
}

const SECTIONS_BY_ID = load();

/** All sections, in the seed's order. */
export const SECTIONS: readonly Section[] = SECTION_IDS.map((id) => SECTIONS_BY_ID.get(id)!);

export function section(id: SectionId): Section {
  return SECTIONS_BY_ID.get(id)!;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isAssignableRole(value: string): value is AssignableRole {
  return (ASSIGNABLE_ROLES as readonly string[]).includes(value);
}

export function isSectionId(value: string): value is SectionId {
  return SECTIONS_BY_ID.has(value as SectionId);
}

/** The roles that grant a section, in the matrix's role order. */
export function rolesGranting(id: SectionId): Role[] {
  const granting = new Set(section(id).roles);
  return ROLES.filter((r) => granting.has(r));
}

/** The union of the sections a set of roles grants. Unknown role strings grant nothing. */
export function sectionsFor(roles: readonly string[]): Set<SectionId> {
  const held = new Set(roles);
  return new Set(SECTIONS.filter((s) => s.roles.some((r) => held.has(r))).map((s) => s.id));
}

/**
 * Anything that holds roles: a panel actor, an API key, a role list in a test. `preview` is the
 * role set an account owner is previewing the panel as (lib/access/preview.ts): it only narrows.
 */
export type RoleHolder = { readonly roles: readonly string[]; readonly preview?: { readonly roles: readonly string[] } | null };

/**
 * Whether the holder may use a section. Fails closed: no roles, no access. While a preview is
 * on, the previewed roles must grant the section too, so a preview can hide sections the holder
 * has but never open one it lacks (the owner previewing PhoneNumberManager still gets no
 * Reserved numbers, which the owner's own login does not hold).
 */
export function can(holder: RoleHolder, id: SectionId): boolean {
  const granting = section(id).roles as readonly string[];
  if (!holder.roles.some((r) => granting.includes(r))) return false;
  return !holder.preview || holder.preview.roles.some((r) => granting.includes(r));
}

export type Explanation = {
  section: SectionId;
  granted: boolean;
  /** Held roles that grant the section. */
  grantedBy: Role[];
  /** Roles that would grant it (all granting roles when none is held). */
  wouldGrant: Role[];
};

/** Why a holder does or does not see a section: powers the access page and refusal messages. */
export function explain(roles: readonly string[], id: SectionId): Explanation {
  const granting = rolesGranting(id);
  const grantedBy = granting.filter((r) => roles.includes(r));
  return { section: id, granted: grantedBy.length > 0, grantedBy, wouldGrant: granting };
}

export function roleLabel(role: Role): string {
  return role === OWNER_ROLE ? "the account owner" : role;
}

/** "Owner, Admin or Developer" / "the account owner": the roles that would grant a section. */
export function describeGranters(id: SectionId): string {
  const names = rolesGranting(id).map(roleLabel);
  if (names.length <= 1) return names[0] ?? "nobody";
  return `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/** The refusal message for a section the holder lacks: "Only ... can use Subusers." */
export function refusalMessage(id: SectionId): string {
  return `Only ${describeGranters(id)} can use “${section(id).title}”.`;
}

/**
 * Sections only the account owner holds (creating and editing subusers, ...): no assignable role
 * grants them. A key reaches their API methods only when the account owner created it
 * (api-methods.ts needsOwnerReach).
 */
export function isOwnerOnly(id: SectionId): boolean {
  const granting = rolesGranting(id);
  return granting.length === 1 && granting[0] === OWNER_ROLE;
}

/** Defence in depth inside mutations: throws FORBIDDEN (naming who could) unless held. */
export function assertCan(holder: RoleHolder, id: SectionId): void {
  if (!can(holder, id)) throw new AppError("FORBIDDEN", { message: refusalMessage(id) });
}
