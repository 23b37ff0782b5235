"use client";
// The Dialogflow page's dialogs. Add key reads the chosen JSON file in the browser (about 2 kB),
// or takes its pasted text (one of the two), and sends it with the description to the server
// action, which checks it (lib/domains/dialogflow/schemas.ts) before anything is stored; its
// answer is shown under the field the key came from.
import { useRef, useState } from "react";
import { Field, TextAreaField } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { SelectField } from "@/components/forms/select-field";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { DIALOGFLOW_CREDENTIALS_MAX_BYTES, DIALOGFLOW_DESCRIPTION_MAX } from "@/lib/domains/dialogflow/client-safe";
import { addDialogflowKeyAction, bindDialogflowKeyAction, deleteDialogflowKeyAction, setDialogflowKeyAction } from "../actions";
import type { DialogflowKeyRow } from "./rows";

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };

const DESCRIPTION_HINT = "Which agent or purpose the key is for, as the team will recognise it.";

/** Where the key came from: the chosen file, or the pasted text (one of them, never both). */
type KeySource = "file" | "pasted";

export function AddKeyDialog({ applicationId, applicationName, ...props }: DialogProps & { applicationId: number; applicationName: string }) {
  const toast = useToast();
  const fileText = useRef("");
  // The source of the last submit: a ref for toInput (read when the action runs), state for rendering.
  const source = useRef<KeySource>("file");
  const [submitted, setSubmitted] = useState<KeySource>("file");
  // What the browser can tell before sending (an empty or too large file, two sources), and
  // whether the server's last answer is about an earlier choice (hidden once the key is changed).
  const [local, setLocal] = useState<{ field: KeySource; message: string }>();
  const [stale, setStale] = useState(false);
  const form = useActionForm(addDialogflowKeyAction, {
    fields: ["credentials", "description"],
    toInput: (f) => ({ applicationId, credentials: source.current === "pasted" ? formText(f, "pasted") : fileText.current, description: formText(f, "description") }),
    onSuccess: (k) => {
      toast(`Key ${k.name} added to ${applicationName}`);
      props.onClose();
    },
  });
  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    fileText.current = "";
    setLocal(undefined);
    setStale(true);
    if (!file) return;
    if (file.size === 0) return setLocal({ field: "file", message: `${file.name} is empty: choose the service account's JSON key file` });
    if (file.size > DIALOGFLOW_CREDENTIALS_MAX_BYTES) {
      return setLocal({ field: "file", message: `${file.name} is larger than ${DIALOGFLOW_CREDENTIALS_MAX_BYTES / 1024} kB: a service account's JSON key is about 2 kB` });
    }
    fileText.current = await file.text();
  };
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    const f = new FormData(e.currentTarget);
    const chosen = (f.get("credentials") as File | null)?.name ?? "";
    const pasted = formText(f, "pasted").trim() !== "";
    if (chosen !== "" && pasted) {
      e.preventDefault();
      return setLocal({ field: "pasted", message: "Use one of the two: clear the pasted text, or remove the chosen file" });
    }
    if (local?.field === "file" && chosen !== "") return e.preventDefault();
    setLocal(undefined);
    setStale(false);
    source.current = pasted ? "pasted" : "file";
    setSubmitted(source.current);
    form.formProps.onSubmit(e);
  };
  const server = stale ? undefined : form.fieldErrors.credentials;
  const errorFor = (field: KeySource) => (local ? (local.field === field ? local.message : undefined) : submitted === field ? server : undefined);
  return (
    <FormDialog
      title="Add Dialogflow key"
      description="The JSON key of a Google Cloud service account with the Dialogflow API Client role (Google Cloud console → IAM & Admin → Service accounts → Keys → Add key → JSON). It is kept for the platform and never shown again."
      form={{ ...form, formProps: { ...form.formProps, onSubmit } }}
      submitLabel="Add key"
      size="lg"
      data-action="application.dialogflow_agents"
      {...props}
    >
      <div className="space-y-4">
        <Field label="Key file (.json)" name="credentials" type="file" accept=".json,application/json" onChange={onFile} error={errorFor("file")} />
        <TextAreaField
          label="Or paste the key file's contents"
          name="pasted"
          rows={4}
          spellCheck={false}
          autoComplete="off"
          placeholder='{"type": "service_account", "project_id": "…", …}'
          onChange={() => {
            setStale(true);
            if (local?.field === "pasted") setLocal(undefined);
          }}
          error={errorFor("pasted")}
        />
        <Field label="Description" name="description" maxLength={DIALOGFLOW_DESCRIPTION_MAX} hint={DESCRIPTION_HINT} error={form.fieldErrors.description} autoComplete="off" />
      </div>
    </FormDialog>
  );
}

export function UseExistingKeyDialog({ applicationId, applicationName, keys, ...props }: DialogProps & { applicationId: number; applicationName: string; keys: { id: number; label: string }[] }) {
  const toast = useToast();
  const form = useActionForm(bindDialogflowKeyAction, {
    fields: ["keyId"],
    toInput: (f) => ({ keyId: Number(formText(f, "keyId")), applicationIds: [applicationId], bind: true }),
    onSuccess: (k) => {
      toast(`${applicationName} now uses the key ${k.name}`);
      props.onClose();
    },
  });
  return (
    <FormDialog title="Use an existing key" description="A key the account already holds, added from another application." form={form} submitLabel="Use this key" data-action="application.dialogflow_agents" {...props}>
      <SelectField label="Key" name="keyId" error={form.fieldErrors.keyId} defaultValue={keys[0]?.id}>
        {keys.map((k) => (
          <option key={k.id} value={k.id}>
            {k.label}
          </option>
        ))}
      </SelectField>
    </FormDialog>
  );
}

export function EditDescriptionDialog({ row, ...props }: DialogProps & { row: DialogflowKeyRow }) {
  const toast = useToast();
  const form = useActionForm(setDialogflowKeyAction, {
    fields: ["description"],
    toInput: (f) => ({ keyId: row.id, description: formText(f, "description") }),
    onSuccess: (k) => {
      toast(`Description of the key ${k.name} saved`);
      props.onClose();
    },
  });
  return (
    <FormDialog title={`Edit the key ${row.name}`} form={form} submitLabel="Save" data-action="application.dialogflow_agents" {...props}>
      <Field label="Description" name="description" defaultValue={row.description} maxLength={DIALOGFLOW_DESCRIPTION_MAX} hint={DESCRIPTION_HINT} error={form.fieldErrors.description} autoComplete="off" />
    </FormDialog>
  );
}

export function RemoveKeyDialog({ row, applicationId, applicationName, ...props }: DialogProps & { row: DialogflowKeyRow; applicationId: number; applicationName: string }) {
  const toast = useToast();
  const form = useActionForm(bindDialogflowKeyAction, {
    fields: [],
    toInput: () => ({ keyId: row.id, applicationIds: [applicationId], bind: false }),
    onSuccess: () => {
      toast(`The key ${row.name} removed from ${applicationName}`);
      props.onClose();
    },
  });
  const elsewhere = row.otherApplications.length
    ? `It stays in the account for ${row.otherApplications.join(", ")}.`
    : "No other application uses it: it stays in the account, to be used again or deleted.";
  return (
    <ConfirmDialog
      title={`Remove the key ${row.name} from ${applicationName}?`}
      description={`Scenarios of ${applicationName} can no longer use it. ${elsewhere}`}
      form={form}
      submitLabel="Remove from application"
      data-action="application.dialogflow_agents"
      {...props}
    />
  );
}

export function DeleteKeyDialog({ row, ...props }: DialogProps & { row: DialogflowKeyRow }) {
  const toast = useToast();
  const form = useActionForm(deleteDialogflowKeyAction, {
    fields: [],
    toInput: () => ({ keyId: row.id }),
    onSuccess: () => {
      toast(`The key ${row.name} deleted`);
      props.onClose();
    },
  });
  const others = row.otherApplications.length ? ` It is also removed from ${row.otherApplications.join(", ")}.` : "";
  return (
    <ConfirmDialog
      title={`Delete the key ${row.name}?`}
      description={`The account forgets the key file; scenarios can no longer reach this Dialogflow agent with it.${others} The key itself stays valid in Google Cloud until you delete it there.`}
      form={form}
      submitLabel="Delete key"
      data-action="application.dialogflow_agents"
      {...props}
    />
  );
}
