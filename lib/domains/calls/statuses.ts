// A call session's statuses and how the panel names them: pure constants, safe to import from a
// client component (schemas.ts brings zod).

export const CALL_STATUSES = ["running", "completed", "failed", "no_answer", "busy", "rejected", "payment_required", "terminated", "error"] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  no_answer: "No answer",
  busy: "Busy",
  rejected: "Rejected",
  payment_required: "Payment required",
  terminated: "Terminated",
  error: "Scenario error",
};
