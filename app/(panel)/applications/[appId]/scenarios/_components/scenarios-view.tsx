"use client";
// The Scenarios page: the application's scenarios (and the account's shared ones, then a child
// account's parent's shared ones) on the left; the chosen one in the code editor with Save (a new
// version), Check syntax, Rename and Delete; its versions with their authors, Compare two of them,
// Restore one (a new version). A parent's scenario is shown read-only: the parent edits it.
import Link from "next/link";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { CheckboxField, Field, FormError } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { formText, useAction, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { useLeaveGuard } from "@/components/forms/use-leave-guard";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Badge, Card, EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/core/cn";
import { checkScriptAction, createScenarioAction, deleteScenarioAction, renameScenarioAction, restoreScenarioVersionAction, saveScenarioAction } from "../actions";
import { CodeEditor, DiffView, type CodeEditorHandle } from "./code-editor";
import { deleteBlockedBy, startedBy } from "./started-by";

/** `parent`: the parent account's shared scenario, which this child account may bind but not change. */
/** A syntax error as the editor shows it under the text ("SyntaxError: ..." at its line), or null. */
const problemOf = (e: { name: string; message: string; line: number | null } | null) => (e ? { message: `${e.name}: ${e.message}`, line: e.line } : null);

/** The name rule, as Create and Rename show it under the field (lib/domains/scenarios/schemas.ts). */
const SCENARIO_NAME_HINT = "Latin letters, digits, _ - and . (at most 29 characters), unique in the account.";

export type ScenarioItem = { id: number; name: string; shared: boolean; parent: boolean; ruleCount: number; size: number; updatedAt: string };
export type ScenarioDetail = {
  id: number;
  name: string;
  shared: boolean;
  parent: boolean;
  script: string;
  version: number;
  rules: { id: number; name: string }[];
  /** Rules of child accounts that start this (own, shared) scenario: counted, not named. */
  childRuleCount: number;
  versions: { number: number; authorName: string; note: string; createdAt: string; size: number }[];
};
export type ScenarioDiff = { from: { number: number; script: string }; to: { number: number; script: string } };

export const NEW_SCENARIO_TEMPLATE = `// Runs when a call reaches this application through a rule (VoxEngine style).
// The simulator supports: call.answer(), call.say(text), call.startPlayback(url) and
// stopPlayback(), call.record({ name }) and stopRecording(), call.handleTones(true) with
// CallEvents.ToneReceived, VoxEngine.callPSTN(number, callerId) (callerId: a number of the
// account or a verified caller ID, else the call fails 403), VoxEngine.callUser(name,
// callerId), VoxEngine.easyProcess(...), VoxEngine.customData(), Logger.write(line),
// Net.httpRequestAsync(url) to the simulated hosts, setTimeout, call.hangup(),
// VoxEngine.terminate(), after require(Modules.SmartQueue) VoxEngine.enqueueTask(...) into the
// application's queues, and after require(Modules.CallList) CallList.reportResult(result) and
// reportError(error) for a call list's row. A run gets 1 s of real time (not the call's) and
// 32 MB of memory.
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  e.call.answer();
  e.call.addEventListener(CallEvents.Connected, () => {
    e.call.say("Hello! Thank you for calling.");
  });
  e.call.addEventListener(CallEvents.PlaybackFinished, () => e.call.hangup());
  e.call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
});
`;

type Props = { appId: number; base: string; items: ScenarioItem[]; detail: ScenarioDetail | null; diff: ScenarioDiff | null };

export function ScenariosView({ appId, base, items, detail, diff }: Props) {
  const dialog = useDialog<"create">();
  const create = (
    <Button onClick={(e) => dialog.open("create", e.currentTarget)} data-testid="new-scenario">
      New scenario
    </Button>
  );
  return (
    <>
      {items.length === 0 || !detail ? (
        <EmptyState title="No scenarios yet" action={create}>
          <p>
            A scenario is the JavaScript that runs when a call reaches this application: answer, play a greeting, record, connect to a number or user. Create one,
            then add a rule on the Rules tab to start it. A new scenario starts from a commented template that uses the calls the simulator supports.
          </p>
        </EmptyState>
      ) : (
        <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
          <nav aria-label="Scenarios" className="space-y-3">
            {create}
            <ul className="space-y-1" data-testid="scenario-list">
              {items.map((s) => (
                <li key={s.id}>
                  <Link
                    href={`${base}?scenario=${s.id}` as Route}
                    aria-current={s.id === detail.id ? "page" : undefined}
                    className={cn("flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm", s.id === detail.id ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100")}
                  >
                    <span className="truncate font-mono">{s.name}</span>
                    {s.parent ? <Badge tone="blue">parent</Badge> : s.shared ? <Badge>shared</Badge> : null}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {detail.parent ? <ParentScenarioPanel key={detail.id} detail={detail} /> : <ScenarioPanel key={detail.id} base={base} detail={detail} diff={diff} />}
        </div>
      )}
      {dialog.state === "create" ? <CreateScenarioDialog appId={appId} base={base} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
    </>
  );
}

function CreateScenarioDialog({ appId, base, onClose, returnFocusTo }: { appId: number; base: string; onClose: () => void; returnFocusTo: HTMLElement | null }) {
  const toast = useToast();
  const router = useRouter();
  const form = useActionForm(createScenarioAction, {
    fields: ["name"],
    toInput: (f) => ({ applicationId: f.get("shared") === "on" ? null : appId, name: formText(f, "name"), script: NEW_SCENARIO_TEMPLATE }),
    onSuccess: (s) => {
      toast(`Scenario ${s.name} created`);
      onClose();
      router.push(`${base}?scenario=${s.id}` as Route);
    },
  });
  return (
    <FormDialog title="New scenario" onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Create" data-testid="scenario-create">
      <Field label="Name" name="name" error={form.fieldErrors.name} hint={SCENARIO_NAME_HINT} autoComplete="off" required />
      <CheckboxField label="Shared" name="shared" description="Every application of the account can use a shared scenario in its rules." />
    </FormDialog>
  );
}

/** The parent account's shared scenario: its text to read, and which of this account's rules start it. */
function ParentScenarioPanel({ detail }: { detail: ScenarioDetail }) {
  return (
    <section aria-labelledby="scenario-title" className="min-w-0 space-y-6" data-testid="scenario-panel">
      <Card className="space-y-4">
        <div>
          <h2 id="scenario-title" className="font-mono text-lg font-semibold text-slate-900">
            {detail.name}
          </h2>
          <p className="text-sm text-slate-600">
            Version {detail.version} · the parent account&apos;s shared scenario: your rules can start it, and only the parent account can change it
            {detail.rules.length > 0 ? ` · started by ${detail.rules.map((r) => r.name).join(", ")}` : " · none of your rules starts it yet"}
          </p>
        </div>
        {/* A scrollable region: focusable and named, so a keyboard can scroll it. */}
        <div role="region" aria-label={`Script of ${detail.name} (read-only)`} tabIndex={0} className="max-h-[32rem] overflow-auto rounded-md bg-slate-50 ring-1 ring-slate-300">
          <pre className="whitespace-pre-wrap break-words p-3 font-mono text-[13px] leading-[1.4] text-slate-800" data-testid="parent-scenario-script">
            {detail.script}
          </pre>
        </div>
      </Card>
    </section>
  );
}

function ScenarioPanel({ base, detail, diff }: { base: string; detail: ScenarioDetail; diff: ScenarioDiff | null }) {
  const toast = useToast();
  const router = useRouter();
  const editor = useRef<CodeEditorHandle>(null);
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<{ message: string; line: number | null } | null>(null);
  const [saveError, setSaveError] = useState<string | undefined>();
  const dialog = useDialog<{ kind: "rename" } | { kind: "delete" } | { kind: "restore"; version: number }>();
  useLeaveGuard(dirty, `${detail.name} has unsaved changes. Leave without saving them?`);

  const save = useAction(saveScenarioAction, {
    onSuccess: (s) => {
      setSaveError(undefined);
      setDirty(false);
      setProblem(problemOf(s.syntaxError));
      const saved = s.changed ? `Saved as version ${s.version}` : "No changes to save";
      if (s.syntaxError) toast(`${saved}, but it has a syntax error${s.syntaxError.line ? ` on line ${s.syntaxError.line}` : ""}: calls that start it will fail`, "error");
      else toast(saved);
    },
    onError: setSaveError,
  });
  const check = useAction(checkScriptAction, {
    onSuccess: (r) => {
      setProblem(problemOf(r.error));
      if (!r.error) toast("No syntax errors");
    },
    onError: (m) => setProblem({ message: m, line: null }),
  });
  const text = () => editor.current?.value() ?? detail.script;
  const versions = detail.versions;

  return (
    <section aria-labelledby="scenario-title" className="min-w-0 space-y-6" data-testid="scenario-panel">
      <Card className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="scenario-title" className="font-mono text-lg font-semibold text-slate-900">
              {detail.name}
            </h2>
            <p className="text-sm text-slate-600">
              Version {detail.version}
              {detail.shared ? " · shared by every application" : ""}
              {` · ${startedBy(detail.rules.map((r) => r.name), detail.childRuleCount)}`}
              {dirty ? " · unsaved changes" : ""}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" size="sm" onClick={(e) => dialog.open({ kind: "rename" }, e.currentTarget)}>
              Rename
            </Button>
            <Button variant="secondary" size="sm" onClick={(e) => dialog.open({ kind: "delete" }, e.currentTarget)} data-testid="delete-scenario">
              Delete
            </Button>
          </div>
        </div>
        <CodeEditor ref={editor} initial={detail.script} label={`Script of ${detail.name}`} onChange={() => setDirty(true)} />
        <div aria-live="polite">
          {problem ? (
            <p className="text-sm text-red-700" data-testid="syntax-error">
              {problem.line ? (
                <button type="button" className="underline" onClick={() => editor.current?.goToLine(problem.line!)}>
                  Line {problem.line}
                </button>
              ) : null}
              {problem.line ? ": " : ""}
              {problem.message}
            </p>
          ) : null}
          <FormError message={saveError} />
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => check.run({ script: text(), name: detail.name })} disabled={check.pending} data-testid="check-syntax">
            Check syntax
          </Button>
          <Button onClick={() => save.run({ scenarioId: detail.id, script: text(), baseVersion: detail.version })} disabled={save.pending} data-testid="save-scenario">
            {save.pending ? "Saving…" : "Save"}
          </Button>
        </div>
      </Card>

      <Card className="space-y-4">
        <h2 id="versions-title" className="font-semibold text-slate-900">
          Versions
        </h2>
        <form key={detail.version} method="get" action={base} className="flex flex-wrap items-end gap-3" data-testid="compare-form">
          <input type="hidden" name="scenario" value={detail.id} />
          <VersionSelect label="Compare" name="from" versions={versions} defaultValue={diff?.from.number ?? versions[1]?.number ?? versions[0]?.number} />
          <VersionSelect label="with" name="to" versions={versions} defaultValue={diff?.to.number ?? versions[0]?.number} />
          <Button type="submit" variant="secondary" size="sm" disabled={versions.length < 2}>
            Compare
          </Button>
          {diff ? (
            <Link href={`${base}?scenario=${detail.id}` as Route} className="text-sm text-brand-700 underline">
              Close comparison
            </Link>
          ) : null}
        </form>
        {diff ? <DiffView from={diff.from.script} to={diff.to.script} fromLabel={`Version ${diff.from.number}`} toLabel={`Version ${diff.to.number}`} /> : null}
        {/* Narrow screens scroll the table in its own box (focusable, so it scrolls by keyboard), not the page; relative, so its screen-reader-only texts scroll with it. */}
        <div className="relative -mx-1 overflow-x-auto px-1" role="region" aria-labelledby="versions-title" tabIndex={0}>
          <table className="w-full min-w-[34rem] text-left text-sm" data-testid="scenario-versions">
            <thead className="text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="py-2">Version</th>
                <th scope="col">Saved by</th>
                <th scope="col">When</th>
                <th scope="col">Note</th>
                <th scope="col"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {versions.map((v) => (
                <tr key={v.number} data-version={v.number}>
                  <td className="py-2 font-mono">{v.number}</td>
                  <td>{v.authorName}</td>
                  <td>
                    <DateTime value={v.createdAt} />
                  </td>
                  <td className="text-slate-600">{v.note}</td>
                  <td className="text-right">
                    {v.number !== detail.version ? (
                      <span className="inline-flex gap-2">
                        <Link href={`${base}?scenario=${detail.id}&from=${v.number}&to=${detail.version}` as Route} className="text-brand-700 underline">
                          Compare with current<span className="sr-only"> (version {v.number})</span>
                        </Link>
                        <Button variant="ghost" size="sm" onClick={(e) => dialog.open({ kind: "restore", version: v.number }, e.currentTarget)}>
                          Restore<span className="sr-only"> version {v.number}</span>
                        </Button>
                      </span>
                    ) : (
                      <Badge tone="green">current</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      {dialog.state?.kind === "rename" ? <RenameDialog detail={detail} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
      {dialog.state?.kind === "delete" ? (
        <DeleteDialog detail={detail} onClose={dialog.close} returnFocusTo={dialog.opener} onDeleted={() => router.push(base as Route)} />
      ) : null}
      {dialog.state?.kind === "restore" ? (
        <RestoreDialog
          detail={detail}
          version={dialog.state.version}
          dirty={dirty}
          onClose={dialog.close}
          returnFocusTo={dialog.opener}
          onRestored={(script) => {
            editor.current?.setValue(script);
            setDirty(false);
          }}
        />
      ) : null}
    </section>
  );
}

function VersionSelect({ label, name, versions, defaultValue }: { label: string; name: string; versions: ScenarioDetail["versions"]; defaultValue?: number }) {
  return (
    <label className="space-y-1 text-sm font-medium text-slate-700">
      <span className="block">{label}</span>
      <select name={name} defaultValue={defaultValue} className="block rounded-md bg-white px-2 py-1.5 text-sm ring-1 ring-slate-400">
        {versions.map((v) => (
          <option key={v.number} value={v.number}>
            Version {v.number}
          </option>
        ))}
      </select>
    </label>
  );
}

type DialogProps = { detail: ScenarioDetail; onClose: () => void; returnFocusTo: HTMLElement | null };

function RenameDialog({ detail, onClose, returnFocusTo }: DialogProps) {
  const toast = useToast();
  const form = useActionForm(renameScenarioAction, {
    fields: ["name"],
    toInput: (f) => ({ scenarioId: detail.id, name: formText(f, "name") }),
    onSuccess: (s) => {
      toast(`Renamed to ${s.name}`);
      onClose();
    },
  });
  return (
    <FormDialog title={`Rename ${detail.name}`} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Rename">
      <Field label="Name" name="name" defaultValue={detail.name} error={form.fieldErrors.name} hint={SCENARIO_NAME_HINT} autoComplete="off" required />
    </FormDialog>
  );
}

function DeleteDialog({ detail, onClose, returnFocusTo, onDeleted }: DialogProps & { onDeleted: () => void }) {
  const toast = useToast();
  const form = useActionForm(deleteScenarioAction, {
    toInput: () => ({ scenarioId: detail.id }),
    onSuccess: (s) => {
      toast(`Scenario ${s.name} deleted`);
      onClose();
      onDeleted();
    },
  });
  const blockedBy = deleteBlockedBy(
    detail.rules.map((r) => r.name),
    detail.childRuleCount,
  );
  return (
    <ConfirmDialog title={`Delete ${detail.name}?`} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Delete" blocked={blockedBy !== null}>
      <p className="text-sm text-slate-700">
        {blockedBy ?? `The scenario and its ${detail.versions.length} version${detail.versions.length > 1 ? "s" : ""} are deleted for good.`}
      </p>
    </ConfirmDialog>
  );
}

function RestoreDialog({ detail, version, dirty, onClose, returnFocusTo, onRestored }: DialogProps & { version: number; dirty: boolean; onRestored: (script: string) => void }) {
  const toast = useToast();
  const form = useActionForm(restoreScenarioVersionAction, {
    toInput: () => ({ scenarioId: detail.id, version }),
    onSuccess: (s) => {
      toast(`Version ${version} restored as version ${s.version}`);
      onClose();
      onRestored(s.script);
    },
  });
  return (
    <ConfirmDialog title={`Restore version ${version}?`} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Restore" danger={false}>
      <p className="text-sm text-slate-700">
        Its text becomes version {detail.version + 1}; the versions in between stay in the history.{dirty ? " Your unsaved changes in the editor are discarded." : ""}
      </p>
    </ConfirmDialog>
  );
}
