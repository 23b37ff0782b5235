// An SMS as the pages send it to the browser (dates as ISO strings).
import type { SmsDto } from "@/lib/domains/sms/queries";
import type { SmsStatus } from "@/lib/domains/sms/schemas";

export type SmsRow = {
  id: number;
  direction: "in" | "out";
  source: string;
  destination: string;
  text: string;
  textHidden: boolean;
  status: SmsStatus;
  errorMessage: string;
  encoding: string;
  segments: number;
  costMinor: number;
  batchId: number | null;
  /** ISO string. */
  createdAt: string;
};

export function smsRow(m: SmsDto): SmsRow {
  return {
    id: m.id,
    direction: m.direction,
    source: m.source,
    destination: m.destination,
    text: m.text,
    textHidden: m.textHidden,
    status: m.status,
    errorMessage: m.errorMessage,
    encoding: m.encoding,
    segments: m.segments,
    costMinor: m.costMinor,
    batchId: m.batchId,
    createdAt: m.createdAt.toISOString(),
  };
}
