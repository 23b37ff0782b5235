import type { PanelActor } from "@/lib/access/actor-types";
import { describeGranters } from "@/lib/access/matrix";
import { getVerification } from "@/lib/domains/billing/queries";
import { countryOptions } from "@/lib/domains/billing/countries";
import type { VerificationStatus } from "@/lib/domains/billing/schemas";
import { Card } from "@/components/ui/page";
import { VerificationBadge } from "./verification-status";
import { VerificationPanel } from "./verification-panel-lazy";

/**
 * The Verification tab. Holders of billing.verification get the whole of it (details, documents,
 * submit; the account owner also the demo's simulated review); every other holder of Billing
 * (Accountant, PayerNoVerify) sees the status only, since it decides which numbers can be bought,
 * and no control at all.
 */
export async function VerificationTab({ actor, status, canVerify, isOwner }: { actor: PanelActor; status: VerificationStatus; canVerify: boolean; isOwner: boolean }) {
  if (!canVerify) {
    return (
      <Card className="max-w-2xl" data-testid="verification-status-only">
        <div className="flex items-center gap-3">
          <h2 className="text-base font-semibold text-slate-900">Account verification</h2>
          <VerificationBadge status={status} />
        </div>
        <p className="mt-2 text-sm text-slate-600">
          Numbers in some countries can be bought only by a verified account. Verifying the account (its details and documents) is for{" "}
          {describeGranters("billing.verification")}.
        </p>
      </Card>
    );
  }
  const v = await getVerification(actor);
  return (
    <VerificationPanel
      isOwner={isOwner}
      countries={countryOptions()}
      verification={{
        status: v.status,
        subjectType: v.subjectType,
        legalName: v.legalName,
        countryCode: v.countryCode,
        address: v.address,
        registrationNumber: v.registrationNumber,
        rejectionReason: v.rejectionReason,
        submittedAt: v.submittedAt?.toISOString() ?? null,
        reviewedAt: v.reviewedAt?.toISOString() ?? null,
        documents: v.documents.map((d) => ({ id: d.id, fileName: d.fileName, mimeType: d.mimeType, sizeBytes: d.sizeBytes, uploadedAt: d.uploadedAt.toISOString() })),
      }}
    />
  );
}
