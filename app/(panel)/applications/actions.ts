"use server";
import { action } from "@/lib/server/action";
import { createApplication, deleteApplication, renameApplication, setApplicationInfo } from "@/lib/domains/applications/mutations";
import {
  ZCreateApplicationInput,
  ZDeleteApplicationInput,
  ZRenameApplicationInput,
  ZSetApplicationInfoInput,
} from "@/lib/domains/applications/schemas";

export const createApplicationAction = action({ section: "applications", input: ZCreateApplicationInput }, async (input, actor) => {
  const app = await createApplication(actor, input);
  return { id: app.id, name: app.name, fullName: app.fullName };
});

export const renameApplicationAction = action({ section: "applications", input: ZRenameApplicationInput }, async (input, actor) => {
  const app = await renameApplication(actor, input);
  return { id: app.id, name: app.name, fullName: app.fullName };
});

export const deleteApplicationAction = action({ section: "applications", input: ZDeleteApplicationInput }, async (input, actor) => {
  const res = await deleteApplication(actor, input);
  return { id: res.id, name: res.name };
});

export const setApplicationInfoAction = action({ section: "application", input: ZSetApplicationInfoInput }, async (input, actor) => {
  const app = await setApplicationInfo(actor, input);
  return { id: app.id, name: app.name, secureRecordStorage: app.secureRecordStorage };
});
