"use client";
// Account verification for holders of billing.verification: every control here carries
// data-action="billing.verification" (the page renders this panel only for them). The details
// and documents can change until they are submitted; the account owner's own login also plays
// the reviewer (the demo's simulated review).
import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { FileDown, Trash2, Upload } from "lucide-react";
import { Field, FormError, TextAreaField, inputClass } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { useToast } from "@/components/ui/toast";
import { formatUtc } from "@/lib/core/format";
import { MAX_VERIFICATION_DOCUMENTS, VERIFICATION_DOCUMENT_MAX_BYTES } from "@/lib/domains/billing/client-safe";
import type { VerificationStatus } from "@/lib/domains/billing/schemas";
import { deleteVerificationDocumentAction, reviewVerificationAction, saveVerificationDetailsAction, submitVerificationAction } from "../actions";
import type { UploadResult } from "../verification/documents/route";
import { VerificationBadge } from "./verification-status";

type DocumentRow = { id: number; fileName: string; mimeType: string; sizeBytes: number; uploadedAt: string };
export type VerificationView = {
  status: VerificationStatus;
  subjectType: "company" | "individual";
  legalName: string;
  countryCode: string;
  address: string;
  registrationNumber: string;
  rejectionReason: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  documents: DocumentRow[];
};

const ACTION = { "data-action": "billing.verification" } as const;
const MAX_MB = VERIFICATION_DOCUMENT_MAX_BYTES / 1024 / 1024;
const TYPES: Record<string, string> = { "application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG" };
const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

type StatusDialog = "submit" | "approve" | "reject";
type OpenStatusDialog = (d: StatusDialog, opener: HTMLElement) => void;

export function VerificationPanel({ verification: v, isOwner, countries }: { verification: VerificationView; isOwner: boolean; countries: { code: string; name: string }[] }) {
  const editable = v.status === "not_started" || v.status === "rejected";
  // Submitting and reviewing change the status, which unmounts the controls that started them:
  // their forms live here, so the outcome's toast still shows once the page has changed.
  const toast = useToast();
  const dialog = useDialog<StatusDialog>();
  const done = (message: string) => () => {
    toast(message);
    dialog.close();
  };
  const submit = useActionForm(submitVerificationAction, { fields: [], toInput: () => ({}), onSuccess: done("Sent for review") });
  const approve = useActionForm(reviewVerificationAction, {
    fields: [],
    toInput: () => ({ outcome: "verified" as const }),
    onSuccess: done("Verification approved: the account is verified"),
  });
  const reject = useActionForm(reviewVerificationAction, {
    fields: ["reason"],
    toInput: (f) => ({ outcome: "rejected" as const, reason: formText(f, "reason") }),
    onSuccess: done("Verification rejected"),
  });
  const common = { onClose: dialog.close, returnFocusTo: dialog.opener, ...ACTION };
  return (
    <div className="space-y-6" data-testid="verification">
      <StatusCard v={v} isOwner={isOwner} open={dialog.open} />
      <div className="grid gap-6 xl:grid-cols-2">
        <DetailsForm v={v} editable={editable} countries={countries} />
        <div className="space-y-6">
          <Documents documents={v.documents} editable={editable} />
          {editable ? <SubmitCard v={v} open={dialog.open} /> : null}
        </div>
      </div>
      {dialog.state === "submit" ? (
        <ConfirmDialog
          title="Submit for review?"
          description="The details and documents cannot change while they are reviewed."
          form={submit}
          submitLabel="Submit for review"
          danger={false}
          {...common}
        />
      ) : null}
      {dialog.state === "approve" ? (
        <ConfirmDialog
          title="Approve the verification?"
          description="The account becomes verified: numbers in countries that require verification can be bought."
          form={approve}
          submitLabel="Approve"
          danger={false}
          {...common}
        />
      ) : null}
      {dialog.state === "reject" ? (
        <FormDialog
          title="Reject the verification"
          description="The reason is shown on this tab and sent as a notification. Numbers in countries that require verification are blocked until the account is verified."
          form={reject}
          submitLabel="Reject"
          danger
          {...common}
        >
          <TextAreaField label="Reason" name="reason" error={reject.fieldErrors.reason} maxLength={500} required />
        </FormDialog>
      ) : null}
    </div>
  );
}

function StatusCard({ v, isOwner, open }: { v: VerificationView; isOwner: boolean; open: OpenStatusDialog }) {
  const at = (iso: string | null) => (iso ? formatUtc(iso) : "");
  const text: Record<VerificationStatus, string> = {
    not_started: "Fill in the details, add at least one document (an ID, a company registration or a proof of address), then submit them for review.",
    in_review: `Submitted ${at(v.submittedAt)}. The details and documents cannot change while they are reviewed.`,
    verified: `Verified ${at(v.reviewedAt)}. Numbers in every country can be bought.`,
    rejected: `Rejected ${at(v.reviewedAt)}. Correct the details or the documents and submit them again.`,
  };
  return (
    <Card>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold text-slate-900">Account verification</h2>
        <VerificationBadge status={v.status} />
      </div>
      <p className="mt-2 text-sm text-slate-600">{text[v.status]}</p>
      {v.status === "rejected" && v.rejectionReason ? (
        <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" data-testid="rejection-reason">
          Reason: {v.rejectionReason}
        </p>
      ) : null}
      {v.status === "in_review" && isOwner ? <ReviewControls open={open} /> : null}
    </Card>
  );
}

/** The demo's simulated review: the account owner approves, or rejects with a reason. */
function ReviewControls({ open }: { open: OpenStatusDialog }) {
  return (
    <div className="mt-4 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="review-controls">
      <p className="text-sm text-slate-700">
        <span className="font-medium">Simulated review (demo).</span> No compliance team is reached: as the account owner you play the reviewer.
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button {...ACTION} onClick={(e) => open("approve", e.currentTarget)}>
          Approve
        </Button>
        <Button {...ACTION} variant="secondary" onClick={(e) => open("reject", e.currentTarget)}>
          Reject with reason
        </Button>
      </div>
    </div>
  );
}

function DetailsForm({ v, editable, countries }: { v: VerificationView; editable: boolean; countries: { code: string; name: string }[] }) {
  const toast = useToast();
  const id = useId();
  const [subject, setSubject] = useState(v.subjectType);
  const form = useActionForm(saveVerificationDetailsAction, {
    fields: ["subjectType", "legalName", "countryCode", "address", "registrationNumber"],
    toInput: (f) => ({
      subjectType: formText(f, "subjectType") as "company" | "individual",
      legalName: formText(f, "legalName"),
      countryCode: formText(f, "countryCode"),
      address: formText(f, "address"),
      registrationNumber: formText(f, "registrationNumber"),
    }),
    onSuccess: () => toast("Verification details saved"),
  });
  const e = form.fieldErrors;
  return (
    <Card>
      <h2 className="mb-1 text-base font-semibold text-slate-900">Details</h2>
      <p className="mb-4 text-sm text-slate-600">Who the account belongs to, as on the documents.</p>
      <form {...form.formProps} className="space-y-4" data-testid="verification-details">
        <fieldset disabled={!editable} className="space-y-4">
          <fieldset aria-describedby={e.subjectType ? `${id}-subject-error` : undefined}>
            <legend className="mb-1 text-sm font-medium text-slate-700">The account belongs to</legend>
            <div className="flex gap-6">
              {(["company", "individual"] as const).map((s) => (
                <label key={s} className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="radio" name="subjectType" value={s} checked={subject === s} onChange={() => setSubject(s)} className="size-4 accent-brand-600" {...ACTION} />
                  {s === "company" ? "A company" : "An individual"}
                </label>
              ))}
            </div>
            {e.subjectType ? (
              <p id={`${id}-subject-error`} className="text-xs text-red-700" data-field-error="subjectType">
                {e.subjectType}
              </p>
            ) : null}
          </fieldset>
          <Field label={subject === "company" ? "Company's legal name" : "Full legal name"} name="legalName" defaultValue={v.legalName} error={e.legalName} autoComplete="organization" required {...ACTION} />
          <div className="space-y-1">
            <label htmlFor={`${id}-country`} className="block text-sm font-medium text-slate-700">
              Country
            </label>
            <select
              id={`${id}-country`}
              name="countryCode"
              defaultValue={v.countryCode}
              aria-invalid={e.countryCode ? true : undefined}
              aria-describedby={e.countryCode ? `${id}-country-error` : undefined}
              className={inputClass}
              required
              {...ACTION}
            >
              <option value="">Choose a country…</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
            {e.countryCode ? (
              <p id={`${id}-country-error`} className="text-xs text-red-700" data-field-error="countryCode">
                {e.countryCode}
              </p>
            ) : null}
          </div>
          <TextAreaField label="Address" name="address" defaultValue={v.address} error={e.address} autoComplete="street-address" required {...ACTION} />
          <Field
            label="Registration number"
            name="registrationNumber"
            defaultValue={v.registrationNumber}
            error={e.registrationNumber}
            hint={subject === "company" ? "Required for a company: as in the commercial register." : "Optional for an individual."}
            autoComplete="off"
            {...ACTION}
          />
        </fieldset>
        <FormError message={form.formError} />
        {editable ? (
          <SubmitButton pending={form.pending} {...ACTION}>
            Save details
          </SubmitButton>
        ) : null}
      </form>
    </Card>
  );
}

function DeleteDocumentDialog({ doc, onClose, returnFocusTo }: { doc: DocumentRow; onClose: () => void; returnFocusTo: HTMLElement | null }) {
  const toast = useToast();
  const form = useActionForm(deleteVerificationDocumentAction, {
    fields: [],
    toInput: () => ({ documentId: doc.id }),
    onSuccess: () => {
      toast(`${doc.fileName} deleted`);
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Delete ${doc.fileName}?`}
      description="The document is removed from the verification. Upload it again to send it."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Delete document"
      {...ACTION}
    />
  );
}

function Documents({ documents, editable }: { documents: DocumentRow[]; editable: boolean }) {
  const dialog = useDialog<DocumentRow>();
  const d = dialog.state;
  return (
    <Card>
      <h2 className="mb-1 text-base font-semibold text-slate-900">Documents</h2>
      <p className="mb-3 text-sm text-slate-600">
        PDF, PNG or JPEG, at most {MAX_MB} MB each, up to {MAX_VERIFICATION_DOCUMENTS}. Kept in the panel&apos;s database, never public.
      </p>
      {documents.length === 0 ? (
        <p className="mb-3 text-sm text-slate-600" data-testid="no-documents">
          No documents yet.
        </p>
      ) : (
        <ul className="mb-4 divide-y divide-slate-100" aria-label="Uploaded documents">
          {documents.map((doc) => (
            <li key={doc.id} className="flex flex-wrap items-center justify-between gap-3 py-2" data-document={doc.fileName}>
              <div className="min-w-0 text-sm">
                <p className="truncate font-medium text-slate-900">{doc.fileName}</p>
                <p className="text-xs text-slate-600">
                  {TYPES[doc.mimeType] ?? doc.mimeType}, {size(doc.sizeBytes)}, <DateTime value={doc.uploadedAt} />
                </p>
              </div>
              <div className="flex items-center gap-1">
                <a
                  href={`/billing/verification/documents/${doc.id}`}
                  download
                  className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-brand-700 hover:bg-slate-100"
                  aria-label={`Download ${doc.fileName}`}
                  {...ACTION}
                >
                  <FileDown aria-hidden className="size-4" />
                  Download
                </a>
                {editable ? (
                  <Button size="sm" variant="ghost" aria-label={`Delete ${doc.fileName}`} onClick={(e) => dialog.open(doc, e.currentTarget)} {...ACTION}>
                    <Trash2 aria-hidden className="size-4 text-red-700" />
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {editable && documents.length < MAX_VERIFICATION_DOCUMENTS ? <UploadForm /> : null}
      {d ? <DeleteDocumentDialog doc={d} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
    </Card>
  );
}

/**
 * The upload: the file's bytes posted to the documents route (not a server action: see its
 * header). Checked here for size first so a person learns at once; the server checks everything
 * again, sniffing the type.
 */
function UploadForm() {
  const toast = useToast();
  const router = useRouter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const file = input.current?.files?.[0];
    if (!file) return setError("Choose a file to upload");
    if (file.size > VERIFICATION_DOCUMENT_MAX_BYTES) return setError(`The file is larger than ${MAX_MB} MB`);
    setPending(true);
    setError(undefined);
    try {
      const res = await fetch(`/billing/verification/documents?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: file,
      });
      const result: UploadResult | null = res.headers.get("content-type")?.startsWith("application/json") ? await res.json() : null;
      if (result?.ok) {
        toast(`${result.data.fileName} uploaded`);
        formEl.reset();
        router.refresh();
      } else {
        setError(result?.fieldErrors?.file ?? result?.formError ?? (res.status === 401 ? "Your session has ended. Please log in again." : "The upload failed. Please try again."));
      }
    } catch {
      setError("The upload failed. Please check the connection and try again.");
    } finally {
      setPending(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-2" data-testid="upload-document">
      <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-700">
        Add a document
      </label>
      <input
        ref={input}
        id={`${id}-file`}
        name="file"
        type="file"
        accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-file-error` : `${id}-file-hint`}
        onChange={() => setError(undefined)}
        className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
        {...ACTION}
      />
      {error ? (
        <p id={`${id}-file-error`} className="text-xs text-red-700" data-field-error="file" role="alert">
          {error}
        </p>
      ) : (
        <p id={`${id}-file-hint`} className="text-xs text-slate-600">
          The type is checked from the file itself, whatever its name says.
        </p>
      )}
      <SubmitButton pending={pending} pendingLabel="Uploading…" variant="secondary" {...ACTION}>
        <Upload aria-hidden className="size-4" />
        Upload
      </SubmitButton>
    </form>
  );
}

function SubmitCard({ v, open }: { v: VerificationView; open: OpenStatusDialog }) {
  const ready = v.legalName !== "" && v.documents.length > 0;
  return (
    <Card>
      <h2 className="mb-1 text-base font-semibold text-slate-900">Submit for review</h2>
      <p className="mb-3 text-sm text-slate-600">
        {ready ? "The saved details and the documents above are sent together." : "Save the details and add at least one document first."}
      </p>
      <Button onClick={(e) => open("submit", e.currentTarget)} {...ACTION} data-testid="submit-verification">
        Submit for review
      </Button>
    </Card>
  );
}
