// The call history's CSV columns: the panel's downloads (calls.downloads,
// application.call_history_downloads) and a GetBriefCallHistory report share them. The columns
// are fixed (scripts rely on them); rule is the name of the rule that started the session (empty
// for none), after from and to as in the call history table; cost is a decimal in the account's
// currency (ACCOUNT_CURRENCY), dates ISO 8601 UTC.
import type { CsvColumn } from "@/lib/core/csv";
import type { CallSessionDto } from "./queries";

export const CALL_CSV_COLUMNS: readonly CsvColumn<CallSessionDto>[] = [
  { header: "call_id", value: (r) => r.id },
  { header: "start_time_utc", value: (r) => r.startedAt },
  { header: "duration_seconds", value: (r) => r.durationSeconds },
  { header: "application", value: (r) => r.applicationName },
  { header: "direction", value: (r) => r.direction },
  { header: "from", value: (r) => r.from },
  { header: "to", value: (r) => r.to },
  { header: "rule", value: (r) => r.ruleName },
  { header: "status", value: (r) => r.status },
  { header: "cost", value: (r) => (r.costMinor / 100).toFixed(2) },
];

/** The per-application export leaves out the application column (it is in the file name). */
export const APP_CALL_CSV_COLUMNS = CALL_CSV_COLUMNS.filter((c) => c.header !== "application");
