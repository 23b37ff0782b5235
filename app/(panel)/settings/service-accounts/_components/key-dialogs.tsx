"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Download, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, TextAreaField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { DialogButtons, formText, useActionSubmit } from "@/components/ui/action-dialog";
import { RolesField } from "@/components/roles-field";
import type { RoleOption } from "@/lib/domains/subusers/role-options";
import { KEY_DESCRIPTION_MAX, KEY_NAME_MAX, type KeyCredentials } from "@/lib/domains/service-accounts/schemas";
import { createKeyAction, deleteKeyAction, editKeyAction } from "../actions";
import type { KeyRow } from "./columns";

const KEY_ROLES_TEXT = {
  description: "The API methods the key may call. You can grant only roles you hold. A key without roles may only read the account and the role catalogue, and manage itself.",
  emptyMessage: "You hold no roles you could grant.",
};

/** Offers credentials.json as a file download, built in the browser from the action's answer. */
function downloadCredentials(credentials: KeyCredentials) {
  const blob = new Blob([JSON.stringify(credentials, null, 2) + "\n"], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = "credentials.json";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function CredentialsStep({ name, credentials, onClose }: { name: string; credentials: KeyCredentials; onClose: () => void }) {
  const [downloaded, setDownloaded] = useState(false);
  return (
    <div className="space-y-4" data-testid="key-credentials">
      <div className="flex gap-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <p>
          Download the credentials now. They hold the private key of <strong>{name}</strong>, which is not kept here: once you close this dialog it
          cannot be shown again.
        </p>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Account id</dt>
        <dd className="font-mono">{credentials.account_id}</dd>
        <dt className="text-slate-500">Key id</dt>
        <dd className="break-all font-mono" data-new-key-id={credentials.key_id}>
          {credentials.key_id}
        </dd>
      </dl>
      <div className="flex justify-end gap-2">
        <Button
          data-action="service_accounts"
          onClick={() => {
            downloadCredentials(credentials);
            setDownloaded(true);
          }}
        >
          <Download className="size-4" aria-hidden />
          Download credentials.json
        </Button>
        <Button variant={downloaded ? "primary" : "secondary"} onClick={onClose}>
          {downloaded ? "Done" : "Close"}
        </Button>
      </div>
    </div>
  );
}

export function CreateKeyDialog({ onClose, roleOptions }: { onClose: () => void; roleOptions: RoleOption[] }) {
  const router = useRouter();
  const toast = useToast();
  const [created, setCreated] = useState<{ name: string; credentials: KeyCredentials } | null>(null);
  const { pending, fieldErrors, formError, submit } = useActionSubmit<{ name: string; credentials: KeyCredentials }>((k) => {
    toast(`Service account ${k.name} created`);
    setCreated(k);
  });
  const finish = () => {
    // Drop the private key from memory with the dialog, then show the new row.
    setCreated(null);
    onClose();
    router.refresh();
  };
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && finish()}
      title={created ? "Save the credentials" : "Create service account"}
      description={created ? undefined : "A key pair for the Management API. Only the public key is stored."}
    >
      {created ? (
        <CredentialsStep name={created.name} credentials={created.credentials} onClose={finish} />
      ) : (
        <form
          noValidate
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            submit(() => createKeyAction({ name: formText(form, "name"), description: formText(form, "description"), roles: form.getAll("roles").map(String) }));
          }}
        >
          <Field label="Name" name="name" autoComplete="off" required maxLength={KEY_NAME_MAX + 10} error={fieldErrors.name} hint={`1 to ${KEY_NAME_MAX} characters.`} />
          <TextAreaField label="Description" name="description" maxLength={KEY_DESCRIPTION_MAX} error={fieldErrors.description} />
          <RolesField {...KEY_ROLES_TEXT} options={roleOptions} error={fieldErrors.roles} />
          <FormError message={formError} />
          <DialogButtons onCancel={onClose} pending={pending} label="Create" />
        </form>
      )}
    </Dialog>
  );
}

export function EditKeyDialog({ row, onClose, roleOptions }: { row: KeyRow; onClose: () => void; roleOptions: RoleOption[] }) {
  const toast = useToast();
  const { pending, fieldErrors, formError, submit } = useActionSubmit<{ name: string }>((k) => {
    toast(`Service account ${k.name} saved`);
    onClose();
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Edit ${row.name}`} description="Role changes apply to the key's next request.">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          submit(() =>
            editKeyAction({ keyId: row.id, name: formText(form, "name"), description: formText(form, "description"), roles: form.getAll("roles").map(String) }),
          );
        }}
      >
        <Field label="Name" name="name" autoComplete="off" required defaultValue={row.name} maxLength={KEY_NAME_MAX + 10} error={fieldErrors.name} />
        <TextAreaField label="Description" name="description" defaultValue={row.description} maxLength={KEY_DESCRIPTION_MAX} error={fieldErrors.description} />
        <RolesField {...KEY_ROLES_TEXT} options={roleOptions} defaultValue={row.roles} error={fieldErrors.roles} />
        <FormError message={formError ?? fieldErrors.keyId} />
        <DialogButtons onCancel={onClose} pending={pending} label="Save" />
      </form>
    </Dialog>
  );
}

export function DeleteKeyDialog({ row, onClose }: { row: KeyRow; onClose: () => void }) {
  const toast = useToast();
  const { pending, fieldErrors, formError, submit } = useActionSubmit<null>(() => {
    toast(`Service account ${row.name} deleted`);
    onClose();
  });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Delete ${row.name}?`} description="Its key stops working at once: the next request signed with it is refused.">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit(() => deleteKeyAction({ keyId: row.id }));
        }}
      >
        <FormError message={formError ?? fieldErrors.keyId} />
        <DialogButtons onCancel={onClose} pending={pending} label="Delete" danger />
      </form>
    </Dialog>
  );
}
