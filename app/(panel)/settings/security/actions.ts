"use server";
import { z } from "zod";
import { action } from "@/lib/server/action";
import { addAuthorizedIp, deleteAuthorizedIps } from "@/lib/domains/authorized-ips/mutations";
import { checkAuthorizedIp } from "@/lib/domains/authorized-ips/queries";
import { ZAddAuthorizedIpInput, ZAuthorizedNetwork, ZIpv4Address } from "@/lib/domains/authorized-ips/schemas";
import { setRequireTwoStep } from "@/lib/domains/subusers/mutations";
import { ZSetRequireTwoStepInput } from "@/lib/domains/subusers/schemas";

// The Security page's Management API address lists (section `security`). Each returns what its
// toast says; the page re-renders the lists from the database (action() refreshes it).

/** Add address: one network on the allow list or the block list. */
export const addAuthorizedIpAction = action({ section: "security", input: ZAddAuthorizedIpInput }, async (input, actor) => {
  const e = await addAuthorizedIp(actor, input);
  return { network: e.network, allowed: e.allowed };
});

/** Remove: one entry (a network on one list). */
export const removeAuthorizedIpAction = action({ section: "security", input: z.object({ network: ZAuthorizedNetwork, allowed: z.boolean() }) }, async (input, actor) => {
  return { removed: await deleteAuthorizedIps(actor, input) };
});

/** Check an address: whether it may call the Management API now, and the entry that decides it. */
export const checkAuthorizedIpAction = action({ section: "security", input: z.object({ ip: ZIpv4Address }) }, async (input, actor) => {
  const v = await checkAuthorizedIp(actor, input);
  return { address: v.address, allowed: v.allowed, match: v.match };
});

/** Require two-step verification of every subuser, or stop requiring it (the account owner's alone: the domain refuses anyone else). */
export const setRequireTwoStepAction = action({ section: "security", input: ZSetRequireTwoStepInput }, (input, actor) => setRequireTwoStep(actor, input));
