"use server";
import { action } from "@/lib/server/action";
import { createScenario, deleteScenario, renameScenario, restoreScenarioVersion, saveScenario } from "@/lib/domains/scenarios/mutations";
import { getScenario } from "@/lib/domains/scenarios/queries";
import { checkScript } from "@/lib/domains/scenarios/runtime";
import {
  ZCheckScriptInput,
  ZCreateScenarioInput,
  ZDeleteScenarioInput,
  ZRenameScenarioInput,
  ZRestoreScenarioInput,
  ZSaveScenarioInput,
} from "@/lib/domains/scenarios/schemas";

export const createScenarioAction = action({ section: "application.scenarios", input: ZCreateScenarioInput }, async (input, actor) => {
  const s = await createScenario(actor, input);
  return { id: s.id, name: s.name, version: s.version };
});

/**
 * The editor's Save: a new version (changed: false when the text is the current one). A text
 * that does not compile is saved all the same (a draft is worth keeping), and its syntax error
 * comes back so the editor says at once that calls starting it would fail.
 */
export const saveScenarioAction = action({ section: "application.scenarios", input: ZSaveScenarioInput }, async (input, actor) => {
  const s = await saveScenario(actor, input);
  return { id: s.id, name: s.name, version: s.version, changed: s.changed, syntaxError: await syntaxError(input.script, s.name) };
});

export const renameScenarioAction = action({ section: "application.scenarios", input: ZRenameScenarioInput }, async (input, actor) => {
  const s = await renameScenario(actor, input);
  return { id: s.id, name: s.name };
});

export const restoreScenarioVersionAction = action({ section: "application.scenarios", input: ZRestoreScenarioInput }, async (input, actor) => {
  const s = await restoreScenarioVersion(actor, input);
  // The editor shows the restored text without a reload.
  const { script } = await getScenario(actor, s.id);
  return { id: s.id, name: s.name, version: s.version, script };
});

export const deleteScenarioAction = action({ section: "application.scenarios", input: ZDeleteScenarioInput }, async (input, actor) => {
  return deleteScenario(actor, input);
});

/** Check syntax: compiles the text in the sandbox (nothing runs, nothing is written). */
export const checkScriptAction = action({ section: "application.scenarios", input: ZCheckScriptInput }, async (input) => {
  return { error: await syntaxError(input.script, input.name) };
});

/** The script's syntax error as Save and Check syntax answer it (null: it compiles). */
async function syntaxError(script: string, name?: string): Promise<{ name: string; message: string; line: number | null } | null> {
  const error = await checkScript(script, name);
  return error && { message: error.message, name: error.name, line: error.line ?? null };
}
