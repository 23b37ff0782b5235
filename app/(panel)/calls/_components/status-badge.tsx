import { Badge } from "@/components/ui/page";
import { CALL_STATUS_LABELS, type CallStatus } from "@/lib/domains/calls/statuses";

const TONES: Record<CallStatus, "slate" | "green" | "red" | "blue" | "amber"> = {
  running: "blue",
  completed: "green",
  failed: "red",
  no_answer: "amber",
  busy: "amber",
  rejected: "red",
  payment_required: "amber",
  terminated: "slate",
  error: "red",
};

export function StatusBadge({ status }: { status: CallStatus }) {
  return <Badge tone={TONES[status]}>{CALL_STATUS_LABELS[status]}</Badge>;
}
