"use server";
import { action } from "@/lib/server/action";
import { createAppUser, deleteAppUser, setAppUserActive, updateAppUser } from "@/lib/domains/app-users/mutations";
import { ZAppUserRef, ZCreateAppUserInput, ZSetAppUserActiveInput, ZUpdateAppUserInput } from "@/lib/domains/app-users/schemas";

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
