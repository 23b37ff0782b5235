// The check every domain mutation and query makes first (defence in depth behind the action and
// API wrappers). A panel actor needs the panel section; an API key needs the method's roles.
// Both tables live in lib/access, so no rule is written twice.
import { AppError } from "@/lib/core/errors";
import type { Actor } from "./actor-types";
import { assertCan, isOwnerOnly, type SectionId } from "./matrix";
import { canCallApi, needsOwnerReach, type ApiMethod } from "./api-methods";

// A key never reaches further than its creator: one made by a subuser cannot do through the API
// what no subuser can do in the panel (owner-only sections, child accounts), whatever its roles.
export { isOwnerOnly };

export function authorize(actor: Actor, rule: { section: SectionId; method?: ApiMethod }): void {
  if (actor.kind === "key") {
    if (!rule.method || !canCallApi(actor.roles, rule.method)) {
      throw new AppError("FORBIDDEN", { message: rule.method ? `The key's roles do not allow ${rule.method}` : "Not available through the API" });
    }
    if (actor.subuserId !== null && (isOwnerOnly(rule.section) || needsOwnerReach(rule.method))) {
      throw new AppError("FORBIDDEN", { message: `Only keys created by the account owner may call ${rule.method}` });
    }
    return;
  }
  assertCan(actor, rule.section);
}
