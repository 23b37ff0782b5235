"use client";
// A recording in a call's detail: the player (the route answers Range requests, so seeking
// works), a download link and, for holders of recordings.delete, Delete with a confirmation (both
// small secondary buttons, the same height).
import { useRouter } from "next/navigation";
import { Trash2 } from "lucide-react";
import { ConfirmDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { DownloadLink } from "@/components/ui/download-link";
import { useToast } from "@/components/ui/toast";
import { deleteRecordingAction } from "../actions";

export type PlayerRecording = { id: number; name: string; durationSeconds: number; sizeBytes: number; playUrl: string; downloadUrl: string; deleted: boolean };

function DeleteRecordingDialog({ recording, onClose, returnFocusTo }: { recording: PlayerRecording; onClose: () => void; returnFocusTo: HTMLElement | null }) {
  const toast = useToast();
  const router = useRouter();
  const form = useActionForm(deleteRecordingAction, {
    fields: [],
    toInput: () => ({ recordingId: recording.id }),
    onSuccess: () => {
      toast(`Recording ${recording.name} deleted`);
      onClose();
      router.refresh();
    },
  });
  return (
    <ConfirmDialog
      title={`Delete the recording “${recording.name}”?`}
      description="Its audio is erased for good; the call's history keeps a note that it was recorded and deleted. This cannot be undone."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Delete recording"
      data-testid="delete-recording-form"
    />
  );
}

export function RecordingPlayer({ recording, canDelete }: { recording: PlayerRecording; canDelete: boolean }) {
  const dialog = useDialog<true>();
  if (recording.deleted) {
    return (
      <li className="rounded-md bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-slate-200">
        <span className="font-medium">{recording.name}</span>: deleted.
      </li>
    );
  }
  return (
    <li className="space-y-2 rounded-md bg-white p-3 ring-1 ring-slate-200" data-testid="recording">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">{recording.name}</span>
        <span className="text-sm text-slate-600">
          {recording.durationSeconds} s · {(recording.sizeBytes / 1024).toFixed(0)} KB
        </span>
      </div>
      <audio controls preload="metadata" src={recording.playUrl} className="w-full" aria-label={`Recording ${recording.name}`} />
      <div className="flex gap-2">
        <DownloadLink href={recording.downloadUrl} size="sm">
          Download
        </DownloadLink>
        {canDelete ? (
          <Button variant="secondary" size="sm" data-action="recordings.delete" onClick={(e) => dialog.open(true, e.currentTarget)}>
            <Trash2 aria-hidden className="size-4" />
            Delete
          </Button>
        ) : null}
      </div>
      {dialog.state ? <DeleteRecordingDialog recording={recording} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
    </li>
  );
}
