import "server-only";
// The SMS histories' CSV columns (ISO 8601 UTC times, amounts in major units with the currency).
// A ProvisioningAgent child account's export has no text column at all (seed 004).
import type { CsvColumn } from "@/lib/core/csv";
import type { SmsDto } from "@/lib/domains/sms/queries";
import type { HistoryKind } from "./history-params";

const amount = (minor: number) => (minor / 100).toFixed(2);

export function historyCsvColumns(kind: HistoryKind, opts: { currency: string; textHidden: boolean }): CsvColumn<SmsDto>[] {
  const cols: CsvColumn<SmsDto>[] = [
    { header: "message_id", value: (m) => m.id },
    ...(kind === "a2p" ? [{ header: "batch_id", value: (m: SmsDto) => m.batchId }] : []),
    { header: "time_utc", value: (m) => m.createdAt },
    ...(kind === "two_way" ? [{ header: "direction", value: (m: SmsDto) => m.direction }] : []),
    { header: kind === "a2p" ? "sender" : "from", value: (m) => m.source },
    { header: "to", value: (m) => m.destination },
    { header: "status", value: (m) => m.status },
    { header: "status_time_utc", value: (m) => m.statusChangedAt },
    { header: "encoding", value: (m) => m.encoding },
    { header: "segments", value: (m) => m.segments },
    { header: "cost", value: (m) => amount(m.costMinor) },
    { header: "currency", value: () => opts.currency },
    { header: "error", value: (m) => m.errorMessage },
  ];
  return opts.textHidden ? cols : [...cols, { header: "text", value: (m) => m.text }];
}
