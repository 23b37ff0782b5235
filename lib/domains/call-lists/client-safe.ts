// Call lists' statuses, their rows' statuses and the upload and settings limits: pure constants, safe to import
// from a client component (schemas.ts brings zod).
import { oneOfParam } from "@/lib/core/url-params";

export const CALL_LIST_STATUSES = ["queued", "in_progress", "paused", "completed", "cancelled"] as const;
export type CallListStatus = (typeof CALL_LIST_STATUSES)[number];
export const CALL_LIST_STATUS_LABELS: Record<CallListStatus, string> = {
  queued: "Queued",
  in_progress: "In progress",
  paused: "Paused",
  completed: "Completed",
  cancelled: "Cancelled",
};

/** Whether the list has called any row yet (one finished, or one being called): its start is behind it. */
export const hasCalledAnyone = (list: { succeeded: number; failed: number; inProgress: number }): boolean => list.succeeded + list.failed + list.inProgress > 0;

export const ROW_STATUSES = ["pending", "in_progress", "succeeded", "failed", "cancelled"] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];
export const ROW_STATUS_LABELS: Record<RowStatus, string> = {
  pending: "Pending",
  in_progress: "Calling",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** A row status from a URL's ?status= (the list page's filter, the results download), else undefined: all rows. */
export const parseRowStatus = (raw: string | string[] | undefined): RowStatus | undefined => oneOfParam(ROW_STATUSES, raw);

/**
 * Ours: the largest file the panel's upload takes (bytes). Under the 10 MB Next buffers for a
 * request its proxy runs on, and room for 100,000 rows of a number and a few fields.
 */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Ours: the limits a list's settings take. */
export const MAX_SIMULTANEOUS = 100;
export const MAX_ATTEMPTS = 10;
export const MAX_INTERVAL_SECONDS = 7 * 86_400;

/** The whole-number settings of a list by field: the label its messages use, and its bounds. */
export const WHOLE_NUMBER_SETTINGS = {
  maxSimultaneous: { label: "Max simultaneous calls", min: 1, max: MAX_SIMULTANEOUS },
  numAttempts: { label: "Attempts", min: 1, max: MAX_ATTEMPTS },
  intervalSeconds: { label: "The interval", min: 0, max: MAX_INTERVAL_SECONDS },
} as const;

/**
 * What is wrong with a whole-number setting as typed (`raw`, read as z.coerce reads it: "" is 0),
 * or null: the Create dialog's check before an upload, in the words of schemas.ts's ZInt.
 */
export function wholeNumberProblem(label: string, raw: string, min: number, max: number): string | null {
  const v = Number(raw);
  if (Number.isNaN(v)) return `${label} must be a number`;
  if (!Number.isInteger(v)) return `${label} must be a whole number`;
  if (v < min) return `${label} must be at least ${min}`;
  return v > max ? `${label} must be at most ${max}` : null;
}

/** The messages the Create dialog gives before any upload (the schema gives the same). */
export const NAME_REQUIRED = "Enter a name";
export const RULE_REQUIRED = "Choose a rule";
export const FILE_REQUIRED = "Choose a CSV file";
export const FILE_EMPTY = "The file is empty";
