"use client";
// The Push certificates page's dialogs. Add and Replace read the chosen file in the browser (an
// Apple .p12 as base64, a Firebase JSON key as text) and send it with the other fields to the
// server action, which checks everything (lib/domains/push-credentials/schemas.ts) before
// anything is stored; its answer is shown under the field it is about.
import { useRef, useState } from "react";
import { Field } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { SelectField } from "@/components/forms/select-field";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { isApple, PUSH_CERT_MAX_BYTES, PUSH_PROVIDER_LABELS, PUSH_PROVIDER_MENU, type PushProvider } from "@/lib/domains/push-credentials/client-safe";
import { addPushCredentialAction, bindPushCredentialAction, deletePushCredentialAction, setPushCredentialAction } from "../actions";
import type { PushCredentialRow } from "./rows";

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };

/** Every field an answer may name; each is shown under its input. */
const FIELDS = ["provider", "bundle", "certContent", "certPassword", "isDevMode", "serviceAccountFile", "senderId", "huaweiClientId", "huaweiClientSecret", "huaweiApplicationId"] as const;

/** A file's bytes as base64 (the .p12 travels as text, as through the API). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The chosen file, read as the provider needs it, and what the browser could tell about it. */
function useChosenFile(provider: PushProvider) {
  const content = useRef("");
  const [problem, setProblem] = useState<string>();
  const onChange = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    content.current = "";
    setProblem(undefined);
    if (!file) return;
    if (file.size === 0) return setProblem(`${file.name} is empty`);
    if (file.size > PUSH_CERT_MAX_BYTES) return setProblem(`${file.name} is larger than ${PUSH_CERT_MAX_BYTES / 1024} kB: it is not a push credential file`);
    if (isApple(provider)) content.current = await base64Of(file);
    else {
      const text = await file.text();
      // A binary file (a .p12 chosen for Google) is no JSON key: said here, before sending.
      if (text.includes("\u0000")) return setProblem(`${file.name} is not a JSON key file: choose the .json Firebase downloads`);
      content.current = text;
    }
  };
  const reset = () => {
    content.current = "";
    setProblem(undefined);
  };
  return { content, problem, onChange, reset };
}

/** The form, kept from sending while the chosen file is one the browser already refused. */
function holdingBadFile<F extends { formProps: { onSubmit: (e: React.FormEvent<HTMLFormElement>) => void } }>(form: F, file: ReturnType<typeof useChosenFile>): F {
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => (file.problem ? e.preventDefault() : form.formProps.onSubmit(e));
  return { ...form, formProps: { ...form.formProps, onSubmit } };
}

/** "" (as the certificate allows), "production" or "sandbox" -> isDevMode. */
const devModeOf = (v: string): boolean | undefined => (v === "sandbox" ? true : v === "production" ? false : undefined);

/** The inputs of one provider; `replacing` words them for Replace (empty keeps what is stored). */
function ProviderFields({
  provider,
  file,
  errors,
  replacing,
}: {
  provider: PushProvider;
  file: ReturnType<typeof useChosenFile>;
  errors: Partial<Record<(typeof FIELDS)[number], string>>;
  replacing?: Pick<PushCredentialRow, "environment" | "senderId" | "huaweiClientId" | "huaweiApplicationId">;
}) {
  const keep = replacing ? " Leave empty to keep the stored one." : "";
  if (isApple(provider)) {
    return (
      <>
        <Field
          label={replacing ? "New certificate (.p12)" : "Certificate (.p12)"}
          name="certFile"
          type="file"
          accept=".p12,.pfx,application/x-pkcs12"
          onChange={file.onChange}
          error={file.problem ?? errors.certContent}
          hint={`In Keychain Access, select the ${provider === "APPLE_VOIP" ? "VoIP Services (or Apple Push Services)" : "Apple Push Services"} certificate with its private key and export it as .p12.${keep}`}
        />
        <Field label="Certificate password" name="certPassword" type="password" autoComplete="off" error={errors.certPassword} hint="The password the .p12 was exported with; empty if it has none." />
        <SelectField label="APNs environment" name="environment" defaultValue={replacing?.environment === "Sandbox" ? "sandbox" : replacing ? "production" : ""} error={errors.isDevMode}>
          {replacing ? null : <option value="">As the certificate allows (production when both)</option>}
          <option value="production">Production</option>
          <option value="sandbox">Sandbox (development builds)</option>
        </SelectField>
      </>
    );
  }
  if (provider === "GOOGLE") {
    return (
      <>
        <Field
          label={replacing ? "New service account key (.json)" : "Service account key (.json)"}
          name="keyFile"
          type="file"
          accept=".json,application/json"
          onChange={file.onChange}
          error={file.problem ?? errors.serviceAccountFile}
          hint={`Firebase console → Project settings → Service accounts → Generate new private key (FCM HTTP v1).${keep}`}
        />
        <Field label="Sender ID (optional)" name="senderId" inputMode="numeric" autoComplete="off" defaultValue={replacing?.senderId ?? ""} error={errors.senderId} hint="Project settings → Cloud Messaging → Sender ID." />
      </>
    );
  }
  return (
    <>
      <Field label="Client ID" name="huaweiClientId" inputMode="numeric" autoComplete="off" defaultValue={replacing?.huaweiClientId ?? ""} error={errors.huaweiClientId} hint="AppGallery Connect → Project settings → App information." />
      <Field label="Client secret" name="huaweiClientSecret" type="password" autoComplete="off" error={errors.huaweiClientSecret} hint={replacing ? "Leave empty to keep the stored one." : undefined} />
      <Field label="App ID" name="huaweiApplicationId" inputMode="numeric" autoComplete="off" defaultValue={replacing?.huaweiApplicationId ?? ""} error={errors.huaweiApplicationId} hint="AppGallery Connect → Project settings → App information." />
    </>
  );
}

/** The provider's fields from the form and the chosen file ("" and unchosen are left out). */
function providerInput(provider: PushProvider, f: FormData, fileContent: string) {
  const text = (name: string) => formText(f, name).trim() || undefined;
  if (isApple(provider)) return { certContent: fileContent || undefined, certFileName: (f.get("certFile") as File | null)?.name || undefined, certPassword: formText(f, "certPassword") || undefined, isDevMode: devModeOf(formText(f, "environment")) };
  if (provider === "GOOGLE") return { serviceAccountFile: fileContent || undefined, senderId: text("senderId") };
  return { huaweiClientId: text("huaweiClientId"), huaweiClientSecret: text("huaweiClientSecret"), huaweiApplicationId: text("huaweiApplicationId") };
}

export function AddCredentialDialog({ applicationId, applicationName, ...props }: DialogProps & { applicationId: number; applicationName: string }) {
  const toast = useToast();
  const [provider, setProvider] = useState<PushProvider>("APPLE");
  const file = useChosenFile(provider);
  const form = useActionForm(addPushCredentialAction, {
    fields: FIELDS,
    toInput: (f) => ({ applicationId, provider, bundle: isApple(provider) ? undefined : formText(f, "bundle").trim() || undefined, ...providerInput(provider, f, file.content.current) }),
    onSuccess: (c) => {
      toast(`${c.name} added to ${applicationName}`);
      props.onClose();
    },
  });
  return (
    <FormDialog
      title="Add push credential"
      description="Kept for the platform to wake the application's mobile clients; certificates, keys and secrets are never shown again."
      form={holdingBadFile(form, file)}
      submitLabel="Add credential"
      size="lg"
      data-action="application.push_certificates"
      {...props}
    >
      <div className="space-y-4">
        <SelectField
          label="Provider"
          name="provider"
          value={provider}
          onChange={(e) => {
            setProvider(e.currentTarget.value as PushProvider);
            file.reset();
          }}
          error={form.fieldErrors.provider}
        >
          {PUSH_PROVIDER_MENU.map((p) => (
            <option key={p} value={p}>
              {PUSH_PROVIDER_LABELS[p]}
            </option>
          ))}
        </SelectField>
        {/* A fresh set of inputs per provider, so a file chosen for one is not sent as another's. */}
        <ProviderFields key={provider} provider={provider} file={file} errors={form.fieldErrors} />
        {isApple(provider) ? null : (
          <Field label="Package name (optional)" name="bundle" autoComplete="off" placeholder="com.example.app" error={form.fieldErrors.bundle} hint="The Android app this credential is for; leave empty for any app of the project." />
        )}
      </div>
    </FormDialog>
  );
}

export function ReplaceCredentialDialog({ row, ...props }: DialogProps & { row: PushCredentialRow }) {
  const toast = useToast();
  const file = useChosenFile(row.provider);
  const form = useActionForm(setPushCredentialAction, {
    fields: FIELDS,
    toInput: (f) => ({ credentialId: row.id, ...providerInput(row.provider, f, file.content.current) }),
    onSuccess: (c) => {
      toast(`${c.name} saved`);
      props.onClose();
    },
  });
  return (
    <FormDialog
      title={`Replace ${row.name}`}
      description={isApple(row.provider) ? `A renewed certificate must be for ${row.bundle}. Every application using this credential gets the change.` : "Every application using this credential gets the change."}
      form={holdingBadFile(form, file)}
      submitLabel="Save"
      size="lg"
      data-action="application.push_certificates"
      {...props}
    >
      <div className="space-y-4">
        <ProviderFields provider={row.provider} file={file} errors={form.fieldErrors} replacing={row} />
      </div>
    </FormDialog>
  );
}

export function UseExistingCredentialDialog({ applicationId, applicationName, credentials, ...props }: DialogProps & { applicationId: number; applicationName: string; credentials: { id: number; label: string }[] }) {
  const toast = useToast();
  // The chosen credential's name, kept at submit: the refreshed page no longer offers it.
  const chosen = useRef("");
  const form = useActionForm(bindPushCredentialAction, {
    fields: ["credentialIds"],
    toInput: (f) => {
      const id = formText(f, "credentialId");
      chosen.current = credentials.find((c) => String(c.id) === id)?.label ?? "the credential";
      return { credentialIds: [Number(id)], applicationIds: [applicationId], bind: true };
    },
    onSuccess: () => {
      toast(`${applicationName} now uses ${chosen.current}`);
      props.onClose();
    },
  });
  return (
    <FormDialog title="Use an existing credential" description="A push credential the account already holds, added from another application." form={form} submitLabel="Use this credential" data-action="application.push_certificates" {...props}>
      <SelectField label="Credential" name="credentialId" error={form.fieldErrors.credentialIds} defaultValue={credentials[0]?.id}>
        {credentials.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </SelectField>
    </FormDialog>
  );
}

export function RemoveCredentialDialog({ row, applicationId, applicationName, ...props }: DialogProps & { row: PushCredentialRow; applicationId: number; applicationName: string }) {
  const toast = useToast();
  const form = useActionForm(bindPushCredentialAction, {
    fields: [],
    toInput: () => ({ credentialIds: [row.id], applicationIds: [applicationId], bind: false }),
    onSuccess: () => {
      toast(`${row.name} removed from ${applicationName}`);
      props.onClose();
    },
  });
  const elsewhere = row.otherApplications.length
    ? `It stays in the account for ${row.otherApplications.join(", ")}.`
    : "No other application uses it: it stays in the account, to be used again or deleted.";
  return (
    <ConfirmDialog
      title={`Remove ${row.name} from ${applicationName}?`}
      description={`Mobile clients of ${applicationName} on this provider are no longer woken for incoming calls. ${elsewhere}`}
      form={form}
      submitLabel="Remove from application"
      data-action="application.push_certificates"
      {...props}
    />
  );
}

export function DeleteCredentialDialog({ row, ...props }: DialogProps & { row: PushCredentialRow }) {
  const toast = useToast();
  const form = useActionForm(deletePushCredentialAction, {
    fields: [],
    toInput: () => ({ credentialId: row.id }),
    onSuccess: () => {
      toast(`${row.name} deleted`);
      props.onClose();
    },
  });
  const others = row.otherApplications.length ? ` It is also removed from ${row.otherApplications.join(", ")}.` : "";
  return (
    <ConfirmDialog
      title={`Delete ${row.name}?`}
      description={`The account forgets this credential; its mobile clients are no longer woken for incoming calls.${others}`}
      form={form}
      submitLabel="Delete credential"
      data-action="application.push_certificates"
      {...props}
    />
  );
}
