"use server";
import { action } from "@/lib/server/action";
import { installTemplate } from "@/lib/domains/marketplace/mutations";
import { ZInstallTemplateInput } from "@/lib/domains/marketplace/schemas";

/** Install: the template's scenario (and rule) in the chosen application; the toast links to it. */
export const installTemplateAction = action({ section: "marketplace", input: ZInstallTemplateInput }, async (input, actor) => installTemplate(actor, input));
