"use client";
// Create call list and Append rows: the file is read as bytes in the browser and posted to the
// upload route handlers (not server actions: a file of 100,000 rows is more than an action takes,
// and the server tells UTF-8 from Windows-1251 by the bytes). The answer has a server action's
// shape, so errors sit under their fields like every other form: a bad file's lines under the
// file input, one per line.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { countOf } from "@/lib/core/format";
import { FormDialog } from "@/components/forms/form-dialog";
import { Field, inputClass } from "@/components/forms/fields";
import { useToast } from "@/components/ui/toast";
import { FILE_EMPTY, FILE_REQUIRED, MAX_ATTEMPTS, MAX_FILE_BYTES, MAX_INTERVAL_SECONDS, MAX_SIMULTANEOUS, NAME_REQUIRED, RULE_REQUIRED, WHOLE_NUMBER_SETTINGS, wholeNumberProblem } from "@/lib/domains/call-lists/client-safe";
import type { useActionForm } from "@/components/forms/use-action-form";
import type { CallListRow } from "./columns";

/** The kit's form props, for a form that posts to a route handler instead of an action. */
type FormProps = ReturnType<typeof useActionForm>["formProps"];

type Result = { ok: true; data: { id: number; name: string; total: number; added?: number } } | { ok: false; formError?: string; fieldErrors?: Record<string, string> };

function useUpload(onDone: (r: Extract<Result, { ok: true }>["data"]) => void) {
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  /** `settingsErrors`: what the form can tell before an upload, shown with a missing file's error so every field's comes at once. */
  async function send(url: string, file: File | null, query: Record<string, string> = {}, settingsErrors: Record<string, string> = {}) {
    setFormError(undefined);
    setFieldErrors({});
    // An empty file input still gives a File, named "" (nothing chosen).
    if (!file || file.name === "") return setFieldErrors({ ...settingsErrors, file: FILE_REQUIRED });
    if (file.size === 0) return setFieldErrors({ ...settingsErrors, file: FILE_EMPTY });
    if (file.size > MAX_FILE_BYTES) return setFieldErrors({ ...settingsErrors, file: `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: split it, then append the rest to the list` });
    if (Object.keys(settingsErrors).length > 0) return setFieldErrors(settingsErrors);
    setPending(true);
    try {
      const qs = new URLSearchParams(query).toString();
      const res = await fetch(qs ? `${url}?${qs}` : url, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: await file.arrayBuffer() });
      const body = (await res.json().catch(() => ({ ok: false, formError: `The upload failed (${res.status}). Please try again.` }))) as Result;
      if (body.ok) onDone(body.data);
      else {
        setFieldErrors(body.fieldErrors ?? {});
        setFormError(body.formError);
      }
    } catch {
      setFormError("The upload failed: check your connection and try again.");
    } finally {
      setPending(false);
    }
  }
  return { send, pending, formError, fieldErrors };
}

function FileField({ error, hint }: { error?: string; hint: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor="call-list-file" className="block text-sm font-medium text-slate-700">
        CSV file
      </label>
      <input
        id="call-list-file"
        name="file"
        type="file"
        accept=".csv,text/csv,text/plain"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "call-list-file-error" : "call-list-file-hint"}
        className={inputClass}
      />
      {error ? (
        <p id="call-list-file-error" className="whitespace-pre-line text-xs text-red-700" data-field-error="file" role="alert">
          {error}
        </p>
      ) : (
        <p id="call-list-file-hint" className="text-xs text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}

const HINT =
  "A header row, then one row per call, separated by ; or , (UTF-8 or Windows-1251). The phone_number column (else the first) is the number to call; every column reaches the scenario as JSON custom data. Up to 100,000 rows.";

export function CreateCallListDialog({
  uploadUrl,
  rules,
  onClose,
  returnFocusTo,
}: {
  uploadUrl: string;
  rules: { id: number; name: string }[];
  onClose: () => void;
  returnFocusTo?: HTMLElement | null;
}) {
  const router = useRouter();
  const toast = useToast();
  const upload = useUpload((d) => {
    toast(`${d.name} created with ${countOf(d.total, "row")}`);
    onClose();
    router.refresh();
  });
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const start = String(f.get("startAt") ?? "");
    const name = String(f.get("name") ?? "");
    const ruleId = String(f.get("ruleId") ?? "");
    const settingsErrors: Record<string, string> = name.trim() === "" ? { name: NAME_REQUIRED } : {};
    if (ruleId === "") settingsErrors.ruleId = RULE_REQUIRED;
    for (const [field, w] of Object.entries(WHOLE_NUMBER_SETTINGS)) {
      const problem = wholeNumberProblem(w.label, String(f.get(field) ?? ""), w.min, w.max);
      if (problem) settingsErrors[field] = problem;
    }
    // A date without its time (or half a date) is posted as "", which would mean "start now".
    const startInput = e.currentTarget.elements.namedItem("startAt") as HTMLInputElement | null;
    if (startInput?.validity.badInput) settingsErrors.startAt = START_INCOMPLETE;
    void upload.send(uploadUrl, f.get("file") as File | null, {
      name,
      ruleId,
      maxSimultaneous: String(f.get("maxSimultaneous") ?? ""),
      numAttempts: String(f.get("numAttempts") ?? ""),
      intervalSeconds: String(f.get("intervalSeconds") ?? ""),
      // As typed: the server reads it as UTC, like every time the panel shows.
      ...(start ? { startAt: start } : {}),
    }, settingsErrors);
  };
  const err = upload.fieldErrors;
  return (
    <FormDialog
      title="Create call list"
      description="Each row of the file gets a call that runs the rule's scenarios."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={{ formProps: { onSubmit, noValidate: true } as FormProps, pending: upload.pending, formError: upload.formError }}
      submitLabel="Create and start"
      size="lg"
      data-action="application.call_lists.create"
    >
      <div className="space-y-4">
        <Field label="Name" name="name" required maxLength={100} error={err.name} autoComplete="off" />
        <div className="space-y-1">
          <label htmlFor="call-list-rule" className="block text-sm font-medium text-slate-700">
            Rule
          </label>
          <select id="call-list-rule" name="ruleId" className={inputClass} aria-invalid={err.ruleId ? true : undefined} aria-describedby={err.ruleId ? "call-list-rule-error" : undefined} defaultValue={rules.length === 1 ? rules[0]!.id : ""}>
            {/* With several rules none is taken for granted: the first is often the inbound one, whose scenario would run for every row. */}
            {rules.length > 1 ? <option value="">Choose a rule…</option> : null}
            {rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          {err.ruleId ? (
            <p id="call-list-rule-error" className="text-xs text-red-700" data-field-error="ruleId">
              {err.ruleId}
            </p>
          ) : null}
        </div>
        <FileField error={err.file} hint={HINT} />
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Max simultaneous calls" name="maxSimultaneous" type="number" min={1} max={MAX_SIMULTANEOUS} defaultValue={5} error={err.maxSimultaneous} />
          <Field label="Attempts per row" name="numAttempts" type="number" min={1} max={MAX_ATTEMPTS} defaultValue={2} error={err.numAttempts} />
          <Field label="Interval between attempts (s)" name="intervalSeconds" type="number" min={0} max={MAX_INTERVAL_SECONDS} defaultValue={60} error={err.intervalSeconds} />
        </div>
        <Field label="Start at (UTC)" name="startAt" type="datetime-local" error={err.startAt} hint="Empty: start now." />
      </div>
    </FormDialog>
  );
}

/** A partly filled "Start at": the browser posts nothing for it, which would start the list at once. */
const START_INCOMPLETE = "Enter both the date and the time (UTC), or clear the field to start now";

export function AppendRowsDialog({
  lists,
  initial,
  onClose,
  returnFocusTo,
}: {
  /** The lists rows can be appended to (not cancelled); `initial` is chosen first. */
  lists: CallListRow[];
  initial: CallListRow;
  onClose: () => void;
  returnFocusTo?: HTMLElement | null;
}) {
  const router = useRouter();
  const toast = useToast();
  const [chosen, setChosen] = useState(initial);
  const upload = useUpload((d) => {
    toast(`${countOf(d.added ?? 0, "row")} appended to ${d.name}`);
    onClose();
    router.refresh();
  });
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void upload.send(`${chosen.href}/rows`, new FormData(e.currentTarget).get("file") as File | null);
  };
  return (
    <FormDialog
      title="Append rows"
      description="The file must have the list's header. A completed list runs again for the new rows."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={{ formProps: { onSubmit, noValidate: true } as FormProps, pending: upload.pending, formError: upload.formError }}
      submitLabel="Append rows"
      data-action="application.call_lists.append"
    >
      <div className="space-y-4">
        <div className="space-y-1">
          <label htmlFor="append-list" className="block text-sm font-medium text-slate-700">
            Call list
          </label>
          <select id="append-list" name="listId" className={inputClass} value={chosen.id} onChange={(e) => setChosen(lists.find((l) => l.id === Number(e.target.value)) ?? initial)}>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <FileField error={upload.fieldErrors.file ?? upload.fieldErrors.listId} hint="The same columns as the list's header, in the same order." />
      </div>
    </FormDialog>
  );
}
