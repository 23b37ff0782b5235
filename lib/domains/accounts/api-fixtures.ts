// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import type { Fixtures } from "@/test/api-kit";

export const ACCOUNT_FIXTURES: Fixtures = {
  GetAccountInfo: async () => ({ params: {} }),
};
