"use server";
import { action } from "@/lib/server/action";
import { createRule, deleteRule, moveRule, reorderRules, updateRule } from "@/lib/domains/rules/mutations";
import { testRoute } from "@/lib/domains/rules/routing";
import { ZCreateRuleInput, ZDeleteRuleInput, ZMoveRuleInput, ZReorderRulesInput, ZTestRouteInput, ZUpdateRuleInput } from "@/lib/domains/rules/schemas";

export const createRuleAction = action({ section: "application.rules", input: ZCreateRuleInput }, async (input, actor) => {
  const r = await createRule(actor, input);
  return { id: r.id, name: r.name };
});

export const updateRuleAction = action({ section: "application.rules", input: ZUpdateRuleInput }, async (input, actor) => {
  const r = await updateRule(actor, input);
  return { id: r.id, name: r.name };
});

export const deleteRuleAction = action({ section: "application.rules", input: ZDeleteRuleInput }, async (input, actor) => {
  const r = await deleteRule(actor, input);
  return { id: r.id, name: r.name };
});

/** Move up / Move down: the keyboard's way to reorder. */
export const moveRuleAction = action({ section: "application.rules", input: ZMoveRuleInput }, async (input, actor) => {
  return moveRule(actor, input);
});

/** A drag: the rules in their new order. */
export const reorderRulesAction = action({ section: "application.rules", input: ZReorderRulesInput }, async (input, actor) => {
  return reorderRules(actor, input);
});

/** The tester: which rule a call to this number or user name reaches (routeCall itself; nothing written). */
export const testRouteAction = action({ section: "application.rules", input: ZTestRouteInput }, async (input, actor) => {
  return testRoute(actor, input);
});
