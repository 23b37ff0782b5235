// Scenario inputs, shared by the Scenarios page's forms and actions, the mutations and the
// Management API (AddScenario, SetScenarioInfo, DelScenario, GetScenarios).
import { z } from "zod";
import { issue, safeText, zId } from "@/lib/core/validate";
import { ZApplicationId } from "@/lib/domains/applications/schemas";

/** The reference: a scenario's text "should be less than 128 KB" (UTF-8 bytes). */
export const MAX_SCRIPT_BYTES = 128 * 1024;
/** The reference: a scenario's name "should be less than 30" characters. */
export const MAX_SCENARIO_NAME = 29;
/** Ours: latin letters, digits, "_", "-" and "." (it names a file in error messages and diffs). */
export const SCENARIO_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const ZScenarioId = zId("Invalid scenario id", "scenario_not_found");

export const ZScenarioName = z.string({ error: "Scenario name is required" }).trim().superRefine((v, ctx) => {
  if (v.length === 0) return issue(ctx, "Scenario name is required", "required_empty");
  if (v.length > MAX_SCENARIO_NAME) return issue(ctx, `Scenario name must be at most ${MAX_SCENARIO_NAME} characters`);
  if (!SCENARIO_NAME_RE.test(v)) issue(ctx, "Scenario name must start with a latin letter or digit and contain only latin letters, digits, _, - and .");
});

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

export const ZScenarioScript = z
  .string({ error: "Script must be text" })
  .superRefine(safeText("Script", { multiline: true }))
  .superRefine((v, ctx) => {
    const bytes = utf8Bytes(v);
    if (bytes > MAX_SCRIPT_BYTES) issue(ctx, `Script is ${Math.ceil(bytes / 1024)} kB; the limit is ${MAX_SCRIPT_BYTES / 1024} kB`);
  });

/** A new scenario: in an application, or shared by all of the account's applications (applicationId null). */
export const ZCreateScenarioInput = z.object({
  applicationId: ZApplicationId.nullable(),
  name: ZScenarioName,
  script: ZScenarioScript.default(""),
});
export type CreateScenarioInput = z.input<typeof ZCreateScenarioInput>;

/**
 * A save from the editor: the new text, and the version it was edited from (a save over a newer
 * version someone else made is refused rather than silently overwriting it).
 */
export const ZSaveScenarioInput = z.object({
  scenarioId: ZScenarioId,
  script: ZScenarioScript,
  baseVersion: z.number().int().min(1).optional(),
});
export type SaveScenarioInput = z.input<typeof ZSaveScenarioInput>;

export const ZRenameScenarioInput = z.object({ scenarioId: ZScenarioId, name: ZScenarioName });
export type RenameScenarioInput = z.input<typeof ZRenameScenarioInput>;

export const ZScenarioVersionNumber = z.coerce.number({ error: "Invalid version" }).int("Invalid version").min(1, "Invalid version").max(1_000_000, "Invalid version");

export const ZRestoreScenarioInput = z.object({ scenarioId: ZScenarioId, version: ZScenarioVersionNumber });
export type RestoreScenarioInput = z.input<typeof ZRestoreScenarioInput>;

export const ZDeleteScenarioInput = z.object({ scenarioId: ZScenarioId });
export type DeleteScenarioInput = z.input<typeof ZDeleteScenarioInput>;

/** DelScenario's lists: ids (or `all`) or names. */
export const ZDeleteScenariosInput = z.union([
  z.strictObject({ scenarioIds: z.union([z.literal("all"), z.array(ZScenarioId).min(1).max(1000)]) }),
  z.strictObject({ names: z.array(z.string().trim().min(1).max(200)).min(1).max(1000) }),
]);
export type DeleteScenariosInput = z.input<typeof ZDeleteScenariosInput>;

/** "Check syntax" in the editor. */
export const ZCheckScriptInput = z.object({ script: ZScenarioScript, name: ZScenarioName.optional() });
export type CheckScriptInput = z.input<typeof ZCheckScriptInput>;

/** Two versions of one scenario to compare. */
export const ZDiffInput = z.object({ scenarioId: ZScenarioId, from: ZScenarioVersionNumber, to: ZScenarioVersionNumber });
export type DiffInput = z.input<typeof ZDiffInput>;

/**
 * GetScenarios / the Scenarios page: an application's scenarios with the shared ones (or, with
 * no application, every scenario of the account), by name.
 */
export const ZListScenariosInput = z.object({
  applicationId: ZApplicationId.optional(),
  scenarioId: ZScenarioId.optional(),
  namePart: z.string().trim().max(200).superRefine(safeText("Name filter")).optional(),
  withScript: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(1000),
});
export type ListScenariosInput = z.input<typeof ZListScenariosInput>;
