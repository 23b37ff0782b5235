import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { AppError, conflict, isAppError, rethrowUnique } from "@/lib/core/errors";
import { parseAll, parseInput } from "@/lib/core/validate";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import { createScenarioInTx } from "@/lib/domains/scenarios/mutations";
import { createRuleInTx } from "@/lib/domains/rules/mutations";
import { missingSqNames } from "@/lib/domains/queues/queries";
import { assertPresentable } from "@/lib/domains/calls/queries";
import { missingAppUsers } from "./queries";
import { ZInstallRulePattern, ZInstallTemplateInput, type InstallTemplateInput } from "./schemas";
import { findTemplate, renderTemplate, type RenderedTemplate } from "./templates";

export type InstalledTemplate = { installId: number; scenarioId: number; scenarioName: string; ruleId: number | null; ruleAt: "first" | "last" | null; applicationId: number };

/**
 * The Marketplace's Install (section `marketplace`, MainAccount only in the seed's matrix, which
 * holds the scenario and rule sections too): renders the template with `values`, then in one
 * transaction writes the scenario (version 1, "Created"), the rule when asked (named as the
 * scenario, first or last in the application's order), and the install record; each write audited.
 * Errors name the form's field: `templateId` (unknown), `applicationId` (not the account's),
 * the template's own fields (e.g. `number`; a user the script calls that the application lacks
 * under the field that named it), `scenarioName` (taken by a scenario of the account, or by a
 * rule of the application), `rulePattern`. Nothing is written on any error.
 */
export async function installTemplate(actor: Actor, input: InstallTemplateInput): Promise<InstalledTemplate> {
  authorize(actor, { section: "marketplace" });
  const template = typeof input.templateId === "string" ? findTemplate(input.templateId) : undefined;
  // Every field's error at once: the form's own, the rule's pattern and the template's fields.
  const [data, rulePattern, rendered] = parseAll(
    () => parseInput(ZInstallTemplateInput, input),
    () => (input.addRule === false ? null : parseInput(ZInstallRulePattern, { rulePattern: input.rulePattern ?? "" }).rulePattern),
    () => (template ? renderTemplate(template, input.values ?? {}) : null),
  );
  if (!template || !rendered) throw new AppError("NOT_FOUND", { message: "No such template in the Marketplace", field: "templateId" });
  const { script, usersCalled, smartQueueUsed, callerIdUsed } = rendered;
  if (callerIdUsed) await assertPresentable(actor.accountId, callerIdUsed.number, new Date(), callerIdUsed.field);
  const ruleAt = data.ruleFirst ? "first" : "last";
  try {
    return await db.$transaction(async (tx) => {
      const app = await findOwnApplication(tx, actor, data.applicationId);
      const missing = usersCalled ? await missingAppUsers(tx, actor, app.id, usersCalled.names) : [];
      if (usersCalled && missing.length > 0) {
        const { field } = usersCalled;
        throw new AppError("NOT_FOUND", { message: `${missing.map((n) => `"${n}"`).join(", ")} ${missing.length === 1 ? "is not a user" : "are not users"} of ${app.name}`, field, reason: "user_not_found" });
      }
      if (smartQueueUsed) await requireSmartQueueNames(tx, actor.accountId, app, smartQueueUsed);
      const scenario = await createScenarioInTx(tx, actor, { applicationId: app.id, name: data.scenarioName, script }).catch(
        onNameError((e) => new AppError(e.code, { message: e.message, field: "scenarioName", reason: e.reason })),
      );
      const rule =
        rulePattern === null
          ? null
          : await createRuleInTx(
              tx,
              actor,
              { applicationId: app.id, name: data.scenarioName, pattern: rulePattern, patternExclude: "", videoConference: false, scenarioIds: [scenario.id] },
              ruleAt,
            ).catch(onNameError(() => ruleNameTaken(data.scenarioName)));
      const row = await tx.marketplaceInstall.create({
        data: { accountId: actor.accountId, templateId: template.id, scenarioId: scenario.id, ruleId: rule?.id ?? null, installedBy: actor.name },
        select: { id: true },
      });
      await audit(tx, actor, {
        action: "marketplace.install",
        targetType: "scenario",
        targetId: scenario.id,
        detail: { template: template.title, application: app.name, scenario: scenario.name, rule: rule?.name ?? null, pattern: rulePattern, ...(rule ? { ruleOrder: ruleAt } : {}) },
      });
      return { installId: row.id, scenarioId: scenario.id, scenarioName: scenario.name, ruleId: rule?.id ?? null, ruleAt: rule ? ruleAt : null, applicationId: app.id };
    });
  } catch (e) {
    // Two installs racing for one name: the unique index decides; say which name.
    rethrowUnique(e, (fields) => (fields.includes("applicationId") ? ruleNameTaken(data.scenarioName) : conflict("scenarioName", "A scenario with this name already exists", "scenario_name_taken")));
  }
}

/** The queue and skills a template enqueues with must be the application's (its Queues tab): NOT_FOUND under the field that named them. */
async function requireSmartQueueNames(tx: Tx, accountId: number, app: { id: number; name: string }, used: NonNullable<RenderedTemplate["smartQueueUsed"]>): Promise<void> {
  const [queue] = await missingSqNames(tx, accountId, app.id, "queue", [used.queue]);
  if (queue !== undefined) throw new AppError("NOT_FOUND", { message: `${app.name} has no queue "${queue}": choose the application whose queue it is, or add it on ${app.name}'s Queues tab`, field: used.queueField, reason: "sq_queue_not_found" });
  const skills = await missingSqNames(tx, accountId, app.id, "skill", used.skills);
  if (skills.length > 0) {
    const names = skills.map((n) => `"${n}"`).join(", ");
    throw new AppError("NOT_FOUND", { message: `${app.name} has no skill ${names}: check the spelling, or add ${skills.length === 1 ? "it" : "them"} on ${app.name}'s Queues tab`, field: used.skillsField, reason: "sq_skill_not_found" });
  }
}

const ruleNameTaken = (name: string) => conflict("scenarioName", `The application already has a rule named ${name}: choose another scenario name, or install without a rule`, "rule_name_taken");

/**
 * Rethrows a creator's error about its `name` (the scenario's or the rule's) as `replacement(e)`,
 * under the install form's field; any other error as it is.
 */
function onNameError(replacement: (e: AppError) => AppError) {
  return (e: unknown): never => {
    if (isAppError(e) && e.field === "name") throw replacement(e);
    throw e;
  };
}
