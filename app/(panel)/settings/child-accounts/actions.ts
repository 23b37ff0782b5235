"use server";
import { action } from "@/lib/server/action";
import { createChildAccount, setChildAccountActive, setChildAccountRole } from "@/lib/domains/child-accounts/mutations";
import { ZCreateChildAccountInput, ZSetChildAccountActiveInput, ZSetChildAccountRoleInput } from "@/lib/domains/child-accounts/schemas";

// Child accounts are the account owner's alone (docs/PRODUCT.md section 5): every action is
// `owner: "child_accounts"` (not a matrix section), and the domain checks again.

export const createChildAccountAction = action({ owner: "child_accounts", input: ZCreateChildAccountInput }, async (input, actor) => {
  const c = await createChildAccount(actor, input);
  return { id: c.id, name: c.name };
});

export const setChildAccountRoleAction = action({ owner: "child_accounts", input: ZSetChildAccountRoleInput }, async (input, actor) => {
  const c = await setChildAccountRole(actor, input);
  return { id: c.id, name: c.name, role: c.role };
});

export const setChildAccountActiveAction = action({ owner: "child_accounts", input: ZSetChildAccountActiveInput }, async (input, actor) => {
  const c = await setChildAccountActive(actor, input);
  return { id: c.id, name: c.name, active: c.active };
});
