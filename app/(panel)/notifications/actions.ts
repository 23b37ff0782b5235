"use server";
import { z } from "zod";
import { action } from "@/lib/server/action";
import { markNotificationsRead, requestAccess } from "@/lib/domains/notifications/mutations";
import { ZRequestAccessInput } from "@/lib/domains/notifications/schemas";

/** The 403 page's "Request access": any signed-in principal may ask; the domain rule says who gets through. */
export const requestAccessAction = action({ signedIn: true, input: ZRequestAccessInput }, (input, actor) => requestAccess(actor, input));

export const markNotificationsReadAction = action({ section: "notification_history", input: z.object({}) }, (_input, actor) => markNotificationsRead(actor));
