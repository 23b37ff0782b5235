"use server";
import { redirect } from "next/navigation";
import { action } from "@/lib/server/action";
import { startPreview } from "@/lib/server/preview";
import { routes } from "@/lib/routes";
import {
  ZCreateSubuserInput,
  ZEditSubuserInput,
  ZResetSubuserPasswordInput,
  ZPreviewInput,
  ZSetSubuserActiveInput,
  ZSubuserRef,
} from "@/lib/domains/subusers/schemas";
import { createSubuser, deleteSubuser, editSubuser, setSubuserActive, setSubuserPassword, turnOffSubuserTwoStep } from "@/lib/domains/subusers/mutations";

export const createSubuserAction = action({ section: "subusers.create", input: ZCreateSubuserInput }, async (input, actor) => {
  const s = await createSubuser(actor, input);
  return { id: s.id, name: s.name };
});

export const editSubuserAction = action({ section: "subusers.edit", input: ZEditSubuserInput }, async (input, actor) => {
  const s = await editSubuser(actor, input);
  return { id: s.id, name: s.name };
});

export const resetSubuserPasswordAction = action({ section: "subusers.edit", input: ZResetSubuserPasswordInput }, async (input, actor) => {
  await setSubuserPassword(actor, { subuserId: input.subuserId, password: input.password });
  return null;
});

export const setSubuserActiveAction = action({ section: "subusers.edit", input: ZSetSubuserActiveInput }, async (input, actor) => {
  const s = await setSubuserActive(actor, input);
  return { id: s.id, name: s.name, active: s.active };
});

/** For a subuser who lost its phone and its recovery codes: it logs in with the password alone again, or sets the verification up anew where the account requires it. */
export const turnOffSubuserTwoStepAction = action({ section: "subusers.edit", input: ZSubuserRef }, async (input, actor) => {
  const s = await turnOffSubuserTwoStep(actor, input);
  return { id: s.id, name: s.name };
});

export const deleteSubuserAction = action({ section: "subusers.edit", input: ZSubuserRef }, async (input, actor) => {
  await deleteSubuser(actor, input);
  return null;
});

/**
 * Starts a role preview: the panel shows what a subuser holding `roles` would see until the
 * banner's End preview. Only those who give roles (subusers.edit) preview them; while it is on,
 * this and every other action is refused (lib/server/action.ts).
 */
export const startPreviewAction = action({ section: "subusers.edit", input: ZPreviewInput }, async (input) => {
  await startPreview(input.roles);
  redirect(routes.dashboard);
});
