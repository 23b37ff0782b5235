// The check every domain mutation and query makes first (defence in depth behind the action and
// API wrappers). A panel actor needs the panel section; an API key needs the method's roles.
// Both tables live in lib/access, so no rule is written twice.
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor-types";
import { assertCan, type SectionId } from "./matrix";
import { canCallApi, type ApiMethod } from "./api-methods";

export function authorize(actor: Actor, rule: { section: SectionId; method?: ApiMethod }): void {
  if (actor.kind === "key") {
    if (!rule.method || !canCallApi(actor.roles, rule.method)) {
      throw new AppError("FORBIDDEN", { message: rule.method ? `The key's roles do not allow ${rule.method}` : "Not available through the API", apiCode: 104 });
    }
    return;
  }
  assertCan(actor, rule.section);
}
