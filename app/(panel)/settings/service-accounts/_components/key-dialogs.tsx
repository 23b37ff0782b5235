"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Download, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogFooter } from "@/components/ui/dialog";
import { Field, TextAreaField } from "@/components/forms/fields";
import { ConfirmDialog, DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { RolesField, checkedRoles } from "@/components/forms/roles-field";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { saveTextFile } from "@/components/ui/download-link";
import type { RoleOption } from "@/lib/domains/subusers/role-options";
import { KEY_DESCRIPTION_MAX, KEY_NAME_MAX } from "@/lib/domains/service-accounts/limits";
import type { KeyCredentials } from "@/lib/domains/service-accounts/schemas";
import { createKeyAction, deleteKeyAction, editKeyAction } from "../actions";
import type { KeyRow } from "./columns";

const KEY_ROLES_TEXT = {
  description: "The API methods the key may call. You can grant only roles you hold. A key without roles may only read the account and the role catalogue, and manage itself.",
  emptyMessage: "You hold no roles you could grant.",
};

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };

/** Offers credentials.json as a file download, built in the browser from the action's answer. */
function downloadCredentials(credentials: KeyCredentials) {
  saveTextFile("credentials.json", JSON.stringify(credentials, null, 2) + "\n", "application/json");
}

/**
 * The private key, shown once, in place of the create form. The dialog then holds a secret: a
 * click outside it or Escape does nothing, and closing before the file was downloaded asks first,
 * since the key is lost for good.
 */
function CredentialsStep({ name, credentials, onClose }: { name: string; credentials: KeyCredentials; onClose: () => void }) {
  const [downloaded, setDownloaded] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  // The form (and the focused submit button) is gone: focus the step's first button.
  useEffect(() => first.current?.focus(), [confirming]);
  if (confirming) {
    return (
      <>
        <DialogBody>
          <p className="text-sm font-medium text-slate-900">Close without the private key?</p>
          <p className="text-sm text-slate-700">
            You have not downloaded credentials.json. Once this dialog closes, the private key of <strong>{name}</strong> cannot be shown again: you
            would have to delete the service account and create a new one.
          </p>
        </DialogBody>
        <DialogFooter>
          <Button ref={first} variant="secondary" onClick={() => setConfirming(false)}>
            Go back
          </Button>
          <Button variant="danger" onClick={onClose}>
            Close without the key
          </Button>
        </DialogFooter>
      </>
    );
  }
  return (
    <>
      <DialogBody>
        <div className="space-y-4" data-testid="key-credentials">
          <div className="flex gap-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            <p>
              Download the credentials now. They hold the private key of <strong>{name}</strong>, which is not kept here: once you close this dialog it
              cannot be shown again.
            </p>
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">Account id</dt>
            <dd className="font-mono">{credentials.account_id}</dd>
            <dt className="text-slate-600">Key id</dt>
            <dd className="break-all font-mono" data-new-key-id={credentials.key_id}>
              {credentials.key_id}
            </dd>
          </dl>
        </div>
      </DialogBody>
      <DialogFooter>
        <Button
          ref={first}
          data-action="service_accounts"
          variant={downloaded ? "secondary" : "primary"}
          onClick={() => {
            downloadCredentials(credentials);
            setDownloaded(true);
          }}
        >
          <Download className="size-4" aria-hidden />
          Download credentials.json
        </Button>
        <Button variant={downloaded ? "primary" : "secondary"} onClick={() => (downloaded ? onClose() : setConfirming(true))}>
          {downloaded ? "Done" : "Close"}
        </Button>
      </DialogFooter>
    </>
  );
}

export function CreateKeyDialog({ onClose, returnFocusTo, roleOptions }: DialogProps & { roleOptions: RoleOption[] }) {
  const router = useRouter();
  const toast = useToast();
  const [created, setCreated] = useState<{ name: string; credentials: KeyCredentials } | null>(null);
  const form = useActionForm(createKeyAction, {
    fields: ["name", "description", "roles"],
    toInput: (f) => ({ name: formText(f, "name"), description: formText(f, "description"), roles: checkedRoles(f) }),
    onSuccess: (k) => {
      toast(`Service account ${k.name} created`);
      setCreated(k);
    },
  });
  const finish = () => {
    // Drop the private key from memory with the dialog, then show the new row.
    setCreated(null);
    onClose();
    router.refresh();
  };
  const { fieldErrors } = form;
  return (
    <Dialog
      onOpenChange={(o) => !o && (created ? undefined : onClose())}
      dismissible={!created}
      returnFocusTo={returnFocusTo}
      title={created ? "Save the credentials" : "Create service account"}
      description={created ? undefined : "A key pair for the Management API. Only the public key is stored."}
      size="lg"
      data-testid={created ? "key-credentials-dialog" : "create-key-dialog"}
    >
      {created ? (
        <CredentialsStep name={created.name} credentials={created.credentials} onClose={finish} />
      ) : (
        <DialogForm form={form} onCancel={onClose} submitLabel="Create">
          <Field label="Name" name="name" autoComplete="off" required maxLength={KEY_NAME_MAX + 10} error={fieldErrors.name} hint={`1 to ${KEY_NAME_MAX} characters.`} />
          <TextAreaField label="Description" name="description" maxLength={KEY_DESCRIPTION_MAX} error={fieldErrors.description} />
          <RolesField {...KEY_ROLES_TEXT} options={roleOptions} error={fieldErrors.roles} />
        </DialogForm>
      )}
    </Dialog>
  );
}

export function EditKeyDialog({ row, onClose, returnFocusTo, roleOptions }: DialogProps & { row: KeyRow; roleOptions: RoleOption[] }) {
  const toast = useToast();
  const form = useActionForm(editKeyAction, {
    fields: ["name", "description", "roles"],
    toInput: (f) => ({ keyId: row.id, name: formText(f, "name"), description: formText(f, "description"), roles: checkedRoles(f) }),
    onSuccess: (k) => {
      toast(`Service account ${k.name} saved`);
      onClose();
    },
  });
  const { fieldErrors } = form;
  return (
    <FormDialog
      title={`Edit ${row.name}`}
      description="Role changes apply to the key's next request."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Save"
      size="lg"
    >
      <Field label="Name" name="name" autoComplete="off" required defaultValue={row.name} maxLength={KEY_NAME_MAX + 10} error={fieldErrors.name} />
      <TextAreaField label="Description" name="description" defaultValue={row.description} maxLength={KEY_DESCRIPTION_MAX} error={fieldErrors.description} />
      <RolesField {...KEY_ROLES_TEXT} options={roleOptions} defaultValue={row.roles} error={fieldErrors.roles} />
    </FormDialog>
  );
}

export function DeleteKeyDialog({ row, onClose, returnFocusTo }: DialogProps & { row: KeyRow }) {
  const toast = useToast();
  const form = useActionForm(deleteKeyAction, {
    fields: [],
    toInput: () => ({ keyId: row.id }),
    onSuccess: () => {
      toast(`Service account ${row.name} deleted`);
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Delete ${row.name}?`}
      description="Its key stops working at once: the next request signed with it is refused."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Delete"
    />
  );
}
