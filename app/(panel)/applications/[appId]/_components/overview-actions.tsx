"use client";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { ApplicationNameDialog, DeleteApplicationDialog } from "../../_components/application-dialogs";
import { setApplicationInfoAction } from "../../actions";
import { sectionHref } from "@/lib/routes";

export function OverviewActions({ app }: { app: { id: number; name: string; userCount: number; fullName: string } }) {
  const dialog = useDialog<"rename" | "delete">();
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener };
  return (
    <div className="flex gap-2">
      <Button variant="secondary" data-action="applications" onClick={(e) => dialog.open("rename", e.currentTarget)}>
        Rename
      </Button>
      <Button variant="danger" data-action="applications" onClick={(e) => dialog.open("delete", e.currentTarget)}>
        Delete
      </Button>
      {dialog.state === "rename" ? <ApplicationNameDialog {...props} app={app} domainSuffix={app.fullName.slice(app.name.length)} /> : null}
      {dialog.state === "delete" ? <DeleteApplicationDialog {...props} app={app} afterDeleteHref={sectionHref("applications")} /> : null}
    </div>
  );
}

export function SecureStorageToggle({ appId, enabled }: { appId: number; enabled: boolean }) {
  const toast = useToast();
  const set = useAction(setApplicationInfoAction, {
    onSuccess: (a) => toast(a.secureRecordStorage ? "Secure record storage turned on" : "Secure record storage turned off"),
    onError: (message) => toast(message, "error"),
  });
  return (
    <label className="inline-flex cursor-pointer items-center gap-2">
      <input
        type="checkbox"
        className="size-4 rounded border-slate-400 accent-brand-600"
        checked={enabled}
        disabled={set.pending}
        onChange={() => set.run({ applicationId: appId, secureRecordStorage: !enabled })}
        data-action="application"
      />
      <span>{enabled ? "On" : "Off"}</span>
    </label>
  );
}
