import { Badge } from "@/components/ui/page";
import type { VerificationStatus } from "@/lib/domains/billing/schemas";

const LABELS: Record<VerificationStatus, { text: string; tone: "slate" | "amber" | "green" | "red" }> = {
  not_started: { text: "Not verified", tone: "slate" },
  in_review: { text: "In review", tone: "amber" },
  verified: { text: "Verified", tone: "green" },
  rejected: { text: "Rejected", tone: "red" },
};

/** The account's verification status as a badge (every holder of Billing may see it). */
export function VerificationBadge({ status }: { status: VerificationStatus }) {
  const l = LABELS[status];
  return (
    <span data-verification-status={status}>
      <Badge tone={l.tone}>{l.text}</Badge>
    </span>
  );
}
