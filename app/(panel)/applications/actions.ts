"use server";
import type { z } from "zod";
import { action } from "@/lib/server/action";
import type { PanelActor } from "@/lib/access/actor-types";
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

const removeApplication = async (input: z.output<typeof ZDeleteApplicationInput>, actor: PanelActor) => {
  const res = await deleteApplication(actor, input);
  return { id: res.id, name: res.name };
};

/** The list's Delete: the list is rendered again without the application. */
export const deleteApplicationAction = action({ section: "applications", input: ZDeleteApplicationInput }, removeApplication);

/** The application page's own Delete: the dialog goes to the list (the page would be a 404). */
export const deleteApplicationFromItsPageAction = action({ section: "applications", input: ZDeleteApplicationInput, leavesPage: true }, removeApplication);

export const setApplicationInfoAction = action({ section: "application", input: ZSetApplicationInfoInput }, async (input, actor) => {
  const app = await setApplicationInfo(actor, input);
  return { id: app.id, name: app.name, secureRecordStorage: app.secureRecordStorage };
});
