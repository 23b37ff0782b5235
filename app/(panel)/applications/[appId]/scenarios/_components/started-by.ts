// What starts a scenario, as the editor's header and the Delete dialog say it: the reader's own
// rules by name, its child accounts' rules by count only (their names are the children's; see
// getScenario's childRuleCount).

const rulesOfChildren = (n: number) => `${n} rule${n === 1 ? "" : "s"} of child accounts`;

/** The header's part: "started by inbound, 2 rules of child accounts", or "no rule starts it yet". */
export function startedBy(ruleNames: readonly string[], childRuleCount: number): string {
  const parts = [...ruleNames, ...(childRuleCount > 0 ? [rulesOfChildren(childRuleCount)] : [])];
  return parts.length > 0 ? `started by ${parts.join(", ")}` : "no rule starts it yet";
}

/**
 * The Delete dialog's sentence: what must stop starting the scenario first, or null when nothing
 * does (the scenario can go). Own rules are edited on the Rules tab; children's, by the children.
 */
export function deleteBlockedBy(ruleNames: readonly string[], childRuleCount: number): string | null {
  const one = ruleNames.length === 1;
  const own = ruleNames.length > 0 ? `The rule${one ? "" : "s"} ${ruleNames.join(", ")} start${one ? "s" : ""} this scenario: remove it from ${one ? "that rule" : "them"} on the Rules tab first.` : null;
  const children =
    childRuleCount > 0 ? `${rulesOfChildren(childRuleCount)} start${childRuleCount === 1 ? "s" : ""} it: it can be deleted once your child accounts no longer use it.` : null;
  const sentences = [own, children].filter(Boolean);
  return sentences.length > 0 ? sentences.join(" ") : null;
}
