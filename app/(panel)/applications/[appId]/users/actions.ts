"use server";
import { action } from "@/lib/server/action";
import { createAppUser, deleteAppUser, setAppUserActive, transferToAppUser, updateAppUser } from "@/lib/domains/app-users/mutations";
import { ZAppUserRef, ZCreateAppUserInput, ZSetAppUserActiveInput, ZTransferToAppUserForm, ZUpdateAppUserInput } from "@/lib/domains/app-users/schemas";
import { renamingField } from "@/lib/core/errors";
import { saveSqAgent } from "@/lib/domains/queues/mutations";
import { ZSetSqUserSkillsInput } from "@/lib/domains/queues/schemas";

export const createAppUserAction = action({ section: "application.users", input: ZCreateAppUserInput }, async (input, actor) => {
  const u = await createAppUser(actor, input);
  return { id: u.id, name: u.name };
});

export const updateAppUserAction = action({ section: "application.users", input: ZUpdateAppUserInput }, async (input, actor) => {
  const u = await updateAppUser(actor, input);
  return { id: u.id, name: u.name };
});

export const setAppUserActiveAction = action({ section: "application.users", input: ZSetAppUserActiveInput }, async (input, actor) => {
  const u = await setAppUserActive(actor, input);
  return { id: u.id, name: u.name, active: u.active };
});

export const deleteAppUserAction = action({ section: "application.users", input: ZAppUserRef }, async (input, actor) => {
  return deleteAppUser(actor, input);
});

/** The row menu's Top up balance / Move balance back: the domain also requires Billing (authorizeUserFunds). */
export const transferToAppUserAction = action({ section: "application.users", input: ZTransferToAppUserForm }, async ({ amount, ...ref }, actor) => {
  // The form's amount is typed in major units; the domain's errors on amountMinor name the form's field.
  const t = await renamingField("amountMinor", "amount", () => transferToAppUser(actor, { ...ref, amountMinor: amount }));
  return { id: t.user.id, name: t.user.name, direction: t.direction, amountMinor: t.amountMinor, balanceMinor: t.user.balanceMinor, accountBalanceMinor: t.accountBalanceMinor, currency: t.currency };
});

/** The row menu's SmartQueue skills: the user's skills and levels become those chosen (the seed's UserManager manages them). */
export const setAppUserSkillsAction = action({ section: "application.users", input: ZSetSqUserSkillsInput }, async ({ applicationId, userId, skills }, actor) => {
  return saveSqAgent(actor, { applicationId, user: { id: userId }, skills }, "application.users");
});
