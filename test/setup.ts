import { beforeEach } from "vitest";
import { resetApiAuthFailures } from "./api-auth-failures";
import { isThrowawayTestDatabase } from "./databases";

// Every test file: refuse anything but the run's throwaway database (the config sets it; this guards edits).
if (!isThrowawayTestDatabase(process.env.DATABASE_URL ?? "")) {
  throw new Error("Tests must run against a throwaway database: a file under data/test/ or a PostgreSQL database named switchboard_test_*");
}

// The Management API's failed-authentication allowance is per client address and per process,
// and every in-process call comes from the same (empty) address: tests that fail authentication
// on purpose would use it up for the tests after them. Each test starts with a full allowance
// (lib/api/auth-failures.test.ts tests the limiter with its own instances).
beforeEach(() => resetApiAuthFailures());
