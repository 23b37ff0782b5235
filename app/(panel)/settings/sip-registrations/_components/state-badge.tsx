// A SIP registration's state as a badge, with the last REGISTER's outcome beside it.
import { Badge } from "@/components/ui/page";
import type { SipRegistrationState } from "@/lib/domains/sip-registrations/client-safe";

const TONES: Record<SipRegistrationState, "green" | "red" | "amber" | "slate"> = { registered: "green", failed: "red", waiting: "amber", deactivated: "slate" };

export function SipStateBadge({ state, label, outcome }: { state: SipRegistrationState; label: string; outcome: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5" data-sip-state={state}>
      <Badge tone={TONES[state]}>{label}</Badge>
      {state !== "registered" && outcome ? <span className="text-xs text-slate-600">{outcome}</span> : null}
    </span>
  );
}
