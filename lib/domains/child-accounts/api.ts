import "server-only";
// Child accounts: AddAccount, GetChildrenAccounts, SetChildAccountInfo (Owner and Admin keys).
// A child is an independent account whose parent is the account the token acts on; a parent's
// key reaches a child by putting the child's id in the token's `iss` (lib/api/auth.ts). Every
// handler calls lib/domains/child-accounts (names, emails and passwords as at signup; the child role
// rules of lib/access/child-account-roles.ts). Parameters of the reference that configure
// Voximplant's own services (notifications, language, payment methods...) are accepted and
// ignored; child_account_role is ours.
import { z } from "zod";
import { CHILD_ACCOUNT_ROLES } from "@/lib/access/child-account-roles";
import { ZAccountName, ZEmail } from "@/lib/domains/accounts/schemas";
import { ACCOUNT_CURRENCY } from "@/lib/domains/billing/money";
import { createChildAccount, updateChildAccounts } from "./mutations";
import { listChildAccounts, type ChildAccountDto } from "./queries";
import { ZChildAccountRole } from "./schemas";
import { PASSWORD_RULE, ZPassword } from "@/lib/auth/password-rule";
import { API_ERROR, ApiError } from "@/lib/api/errors";
import { page, DONE_RESPONSE, defineMethod, done, listResponse, type RegisteredMethod } from "@/lib/api/registry";
import { ZAccountInfo } from "@/lib/domains/accounts/api";
import * as w from "@/lib/api/wire";

// Wire structures.

export const ZChildAccountInfo = ZAccountInfo.extend({
  child_account_role: z.string().nullable().meta({ description: "Administrator, Developer or ProvisioningAgent (set by the parent)" }),
}).meta({ id: "ChildAccountInfo", description: "AccountInfo of a child account, with its role" });
export type ChildAccountInfo = z.output<typeof ZChildAccountInfo>;

export function childAccountInfo(c: { id: number; name: string; email: string; active: boolean; role: string | null; parentId: number; createdAt: Date; balanceMinor: number }, currency: string): ChildAccountInfo {
  return {
    account_id: c.id,
    account_name: c.name,
    account_email: c.email,
    created: w.formatApiDate(c.createdAt),
    active: c.active,
    frozen: !c.active,
    balance: c.balanceMinor / 100,
    currency,
    parent_account_id: c.parentId,
    child_account_role: c.role,
  };
}

const GROUP = "Accounts";
const INVALID_ACCOUNT_ID = 115;

const roleParam = w
  .text(ZChildAccountRole, { description: `(ours) The child account's role: ${CHILD_ACCOUNT_ROLES.join(", ")}` })
  .optional();

const view = (c: ChildAccountDto) => childAccountInfo(c, ACCOUNT_CURRENCY);

export const addAccount = defineMethod({
  name: "AddAccount",
  group: GROUP,
  summary:
    "Creates a child account of the account the token acts on: its own login, applications and balance. Active unless active=false (ours); role Administrator unless child_account_role says otherwise.",
  params: z.object({
    account_name: w.text(ZAccountName, { description: "The new account's name: a latin letter first, then letters, digits and hyphens" }),
    account_email: w.text(ZEmail, { description: "The new account's email, unique" }),
    account_password: w.text(ZPassword, {
      description: PASSWORD_RULE,
    }),
    active: w.bool({ description: "Whether the child account can be used (default true, ours)" }).optional(),
    child_account_role: roleParam,
    parent_account_id: w.id(INVALID_ACCOUNT_ID, { description: "Accepted when it is the account the token acts on" }).optional(),
    parent_account_name: w.optionalText(z.string().max(254), "Accepted when it names the account the token acts on"),
    parent_account_email: w.optionalText(z.string().max(254), "Accepted when it is the email of the account the token acts on"),
  }),
  response: z.object({
    result: z.literal(1),
    account_id: z.number().int(),
    account_name: z.string(),
    account_email: z.string(),
    active: z.boolean(),
    child_account_role: z.string(),
  }),
  errors: {
    fields: { name: "account_name", email: "account_email", password: "account_password", active: "active", role: "child_account_role" },
  },
  async handler(p, { actor, account }) {
    // The reference's legacy way to name the parent; the token already does, so they must agree.
    const names = [p.parent_account_name?.trim().toLowerCase(), p.parent_account_email?.trim().toLowerCase()];
    if (
      (p.parent_account_id !== undefined && p.parent_account_id !== account.id) ||
      (names[0] !== undefined && names[0] !== account.name.toLowerCase()) ||
      (names[1] !== undefined && names[1] !== account.email.toLowerCase())
    ) {
      throw new ApiError(API_ERROR.AUTH_FAILED, "Authorization failed: the parent account parameters do not match the token's account");
    }
    const child = await createChildAccount(actor, {
      name: p.account_name,
      email: p.account_email,
      password: p.account_password,
      active: p.active ?? true,
      ...(p.child_account_role ? { role: p.child_account_role } : {}),
    });
    return done({ account_id: child.id, account_name: child.name, account_email: child.email, active: child.active, child_account_role: child.role });
  },
});

const ORDER_BY = { child_account_id: "id", child_account_name: "name", child_account_email: "email" } as const;

const briefShape = ZChildAccountInfo.pick({ account_id: true });
const mediumShape = ZChildAccountInfo.pick({ account_id: true, account_name: true, account_email: true });

export const getChildrenAccounts = defineMethod({
  name: "GetChildrenAccounts",
  group: GROUP,
  summary: "Lists the child accounts of the account the token acts on, filtered and paged, with their roles.",
  params: z.object({
    child_account_id: w.idListOrAll({ apiCode: INVALID_ACCOUNT_ID, description: "Only these child accounts" }).optional(),
    child_account_name: w.optionalText(z.string().max(64), "Only children whose name contains this"),
    child_account_email: w.optionalText(z.string().max(254), "Only children whose email contains this"),
    active: w.bool({ description: "Only active (true) or inactive (false) children" }).optional(),
    frozen: w.bool({ description: "Only frozen (inactive, true) or unfrozen (false) children" }).optional(),
    ignore_invalid_accounts: w.bool({ description: "Skip child_account_id items that are not children instead of failing (115)" }).optional(),
    brief_output: w.bool({ description: "Only account_id" }).optional(),
    medium_output: w.bool({ description: "Only account_id, account_name and account_email" }).optional(),
    order_by: w.optionalText(z.enum(["child_account_id", "child_account_name", "child_account_email"]), "child_account_id (default), child_account_name or child_account_email"),
    return_live_balance: w.bool({ description: "Accepted for compatibility: balances are always live" }).optional(),
    ...w.paging,
  }),
  response: listResponse(z.union([ZChildAccountInfo, mediumShape, briefShape])),
  errors: { fields: { ids: "child_account_id", namePart: "child_account_name", emailPart: "child_account_email" } },
  async handler(p, { actor }) {
    if (p.active !== undefined && p.frozen !== undefined && p.active === p.frozen) {
      return page([], 0);
    }
    const active = p.active ?? (p.frozen === undefined ? undefined : !p.frozen);
    const { items, total } = await listChildAccounts(actor, {
      ids: p.child_account_id,
      namePart: p.child_account_name,
      emailPart: p.child_account_email,
      active,
      ignoreInvalid: p.ignore_invalid_accounts ?? false,
      orderBy: ORDER_BY[p.order_by ?? "child_account_id"],
      offset: p.offset,
      count: p.count,
    });
    const result = items.map((c) => {
      const full = view(c);
      if (p.brief_output) return briefShape.parse(full);
      if (p.medium_output) return mediumShape.parse(full);
      return full;
    });
    return page(result, total);
  },
});

export const setChildAccountInfo = defineMethod({
  name: "SetChildAccountInfo",
  group: GROUP,
  summary:
    "Changes child accounts (by id list or all, names, or emails): email (one at a time), password, active flag, role. Other parameters of the reference are accepted and ignored.",
  params: z.object({
    child_account_id: w.idListOrAll({ apiCode: INVALID_ACCOUNT_ID, description: "The child accounts" }).optional(),
    child_account_name: w.stringList(z.string().max(64), { description: "The child accounts' names" }).optional(),
    child_account_email: w.stringList(z.string().max(254), { description: "The child accounts' emails" }).optional(),
    new_child_account_email: w.text(ZEmail, { description: "The new email (one child account at a time)" }).optional(),
    new_child_account_password: w.text(ZPassword, { description: "The new password; ends the child owner's open sessions" }).optional(),
    active: w.bool({ description: "Suspend (false) or reactivate (true); suspending ends the child's open sessions" }).optional(),
    child_account_role: roleParam,
  }),
  oneOf: [
    { params: ["child_account_id", "child_account_name"], required: false },
    { params: ["child_account_id", "child_account_email"], required: false },
    { params: ["child_account_name", "child_account_email"], required: false },
  ],
  response: DONE_RESPONSE,
  errors: {
    fields: {
      ids: "child_account_id",
      names: "child_account_name",
      emails: "child_account_email",
      email: "new_child_account_email",
      password: "new_child_account_password",
      active: "active",
      role: "child_account_role",
    },
  },
  async handler(p, { actor, clock }) {
    const target = p.child_account_id
      ? { ids: p.child_account_id }
      : p.child_account_name
        ? { names: p.child_account_name }
        : p.child_account_email
          ? { emails: p.child_account_email }
          : null;
    if (!target) throw new ApiError(API_ERROR.SPECIFY_PARAM, "Specify the 'child_account_id', 'child_account_name' or 'child_account_email' parameter");
    await updateChildAccounts(
      actor,
      {
        target,
        email: p.new_child_account_email,
        password: p.new_child_account_password,
        active: p.active,
        ...(p.child_account_role ? { role: p.child_account_role } : {}),
      },
      clock,
    );
    return done();
  },
});

export const childAccountMethods: RegisteredMethod[] = [addAccount, getChildrenAccounts, setChildAccountInfo] as RegisteredMethod[];
