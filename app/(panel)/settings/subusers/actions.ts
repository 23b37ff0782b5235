"use server";
import { action } from "@/lib/server/action";
import {
  ZCreateSubuserInput,
  ZEditSubuserInput,
  ZResetSubuserPasswordInput,
  ZSetSubuserActiveInput,
  ZSubuserRef,
} from "@/lib/domains/subusers/schemas";
import { createSubuser, deleteSubuser, editSubuser, setSubuserActive, setSubuserPassword } from "@/lib/domains/subusers/mutations";

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

export const deleteSubuserAction = action({ section: "subusers.edit", input: ZSubuserRef }, async (input, actor) => {
  await deleteSubuser(actor, input);
  return null;
});
