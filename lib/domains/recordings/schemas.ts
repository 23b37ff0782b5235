// Recording inputs (section recordings.delete; DeleteRecord).
import { z } from "zod";
import { zId } from "@/lib/core/validate";

export const ZRecordingRef = z.object({ recordingId: zId("Invalid recording id", "recording_not_found") });
export type RecordingRef = z.input<typeof ZRecordingRef>;
