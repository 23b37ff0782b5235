// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import type { Fixtures } from "@/test/api-kit";
import { db } from "@/lib/core/db";

export const AUDIT_LOG_FIXTURES: Fixtures = {
  GetAuditLog: async ({ accountId }) => {
    await db.auditLog.create({ data: { accountId, actorType: "owner", actorId: String(accountId), actorName: "owner", action: "application.create", detail: '{"name":"fixture"}' } });
    return { params: { from_date: "2020-01-01 00:00:00", to_date: "2099-01-01 00:00:00", filtered_cmd: "application.create", desc_order: "true" } };
  },
};
