import { isThrowawayTestDatabase } from "./databases";

// Every test file: refuse anything but the run's throwaway database (the config sets it; this guards edits).
if (!isThrowawayTestDatabase(process.env.DATABASE_URL ?? "")) {
  throw new Error("Tests must run against a throwaway database: a file under data/test/ or a PostgreSQL database named switchboard_test_*");
}
