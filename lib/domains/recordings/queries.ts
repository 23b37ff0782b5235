import "server-only";
// Reads of recordings: the audio for the player and downloads (/calls/recordings/<id>), for
// principals holding the call history (calls, or application.call_history: the seed's sections
// for listening), scoped by the actor's account; a deleted recording or another account's reads
// as missing.
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { can, refusalMessage } from "@/lib/access/matrix";
import { AppError } from "@/lib/core/errors";

export type PlayableRecording = {
  id: number;
  name: string;
  mimeType: string;
  audio: Uint8Array;
  /** The application keeps recordings in secure storage: they are served on signed URLs only. */
  secure: boolean;
};

/** Listening needs either call history section (keys: GetCallHistory's roles). FORBIDDEN otherwise. */
export function authorizeListening(actor: Actor): void {
  if (actor.kind === "key") return authorize(actor, { section: "calls", method: "GetCallHistory" });
  if (!can(actor, "calls") && !can(actor, "application.call_history")) throw new AppError("FORBIDDEN", { message: refusalMessage("application.call_history") });
}

/** A recording's audio, or null when the actor's account has no such recording (or it was deleted). */
export async function recordingForPlayback(actor: Actor, recordingId: number): Promise<PlayableRecording | null> {
  authorizeListening(actor);
  if (!Number.isSafeInteger(recordingId) || recordingId <= 0) return null;
  const r = await db.recording.findFirst({
    where: { id: recordingId, accountId: actor.accountId, deletedAt: null },
    select: { id: true, name: true, mimeType: true, audio: true, session: { select: { application: { select: { secureRecordStorage: true } } } } },
  });
  if (!r?.audio) return null;
  return { id: r.id, name: r.name, mimeType: r.mimeType, audio: r.audio, secure: r.session.application.secureRecordStorage };
}

export type RecordStorageDto = { id: number; name: string };

/**
 * GetRecordStorages (ours): the storages recordings are kept in. Switchboard keeps every recording
 * in its own database, so there is one: id 1, "switchboard". Secure storage is a per-application
 * flag on top of it (signed URLs), not a second storage.
 */
export function recordStorages(actor: Actor): RecordStorageDto[] {
  authorizeListening(actor);
  return [{ id: 1, name: "switchboard" }];
}
