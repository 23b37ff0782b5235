"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ApplicationNameDialog, DeleteApplicationDialog } from "../../_components/application-dialogs";
import { setApplicationInfoAction } from "../../actions";

export function OverviewActions({ app }: { app: { id: number; name: string; userCount: number; fullName: string } }) {
  const [open, setOpen] = useState<"rename" | "delete" | null>(null);
  return (
    <div className="flex gap-2">
      <Button variant="secondary" data-action="applications" onClick={() => setOpen("rename")}>
        Rename
      </Button>
      <Button variant="danger" data-action="applications" onClick={() => setOpen("delete")}>
        Delete
      </Button>
      {open === "rename" ? (
        <ApplicationNameDialog open onOpenChange={(o) => !o && setOpen(null)} app={app} domainSuffix={app.fullName.slice(app.name.length)} />
      ) : null}
      {open === "delete" ? <DeleteApplicationDialog open onOpenChange={(o) => !o && setOpen(null)} app={app} afterDeleteHref="/applications" /> : null}
    </div>
  );
}

export function SecureStorageToggle({ appId, enabled }: { appId: number; enabled: boolean }) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const toggle = () =>
    startTransition(async () => {
      const r = await setApplicationInfoAction({ applicationId: appId, secureRecordStorage: !enabled });
      if (r.ok) toast(r.data.secureRecordStorage ? "Secure record storage turned on" : "Secure record storage turned off");
      else toast(r.formError ?? Object.values(r.fieldErrors ?? {})[0] ?? "Could not change the setting", "error");
    });
  return (
    <label className="inline-flex cursor-pointer items-center gap-2">
      <input type="checkbox" className="size-4 rounded border-slate-300" checked={enabled} disabled={pending} onChange={toggle} data-action="application" />
      <span>{enabled ? "On" : "Off"}</span>
    </label>
  );
}
