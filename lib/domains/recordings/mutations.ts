import "server-only";
// Deleting a recording (section recordings.delete, an action row of ours: the seed's FAQ says a
// Supervisor listens to recordings but cannot delete them; DeleteRecord). A ProvisioningAgent
// child account cannot delete recordings whoever acts in it (seed 004: lib/access/child-account-roles.ts).
// The audio is erased and the row kept, marked deleted, so the history still says a recording
// was made and when it was deleted.
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { accountMay } from "@/lib/domains/accounts/queries";
import { ZRecordingRef, type RecordingRef } from "./schemas";

export const recordingNotFound = () => new AppError("NOT_FOUND", { message: "Recording not found", field: "recordingId", reason: "recording_not_found" });

/** Deletes a recording's audio for good. NOT_FOUND for another account's, or one already deleted. */
export async function deleteRecording(actor: Actor, input: RecordingRef, clock: Clock = systemClock): Promise<{ id: number; name: string; sessionId: number }> {
  authorize(actor, { section: "recordings.delete", method: "DeleteRecord" });
  const { recordingId } = parseInput(ZRecordingRef, input);
  return db.$transaction(async (tx) => {
    if (!(await accountMay(tx, actor.accountId, "delete_recordings"))) {
      throw new AppError("FORBIDDEN", { message: "This account's role does not allow deleting recordings" });
    }
    const r = await tx.recording.findFirst({ where: { id: recordingId, accountId: actor.accountId, deletedAt: null }, select: { id: true, name: true, sessionId: true } });
    if (!r) throw recordingNotFound();
    const now = clock();
    const done = await tx.recording.updateMany({ where: { id: r.id, accountId: actor.accountId, deletedAt: null }, data: { deletedAt: now, audio: null, sizeBytes: 0 } });
    if (done.count !== 1) throw recordingNotFound();
    await audit(tx, actor, { action: "recording.delete", targetType: "recording", targetId: r.id, detail: { name: r.name, sessionId: r.sessionId }, at: now });
    return r;
  });
}
