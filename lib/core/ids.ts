// Record ids as they arrive in URLs. Every table's id is an autoincrement Int: int4 in
// PostgreSQL (at most 2,147,483,647), int64 in SQLite. A larger number cannot name a record in
// either database, and PostgreSQL refuses it as a query parameter, so it reads as "no such id".

/** The largest id any table can hold (PostgreSQL's int4). */
export const MAX_RECORD_ID = 2_147_483_647;

/** A URL segment or query value as a record id: a decimal 1..MAX_RECORD_ID, else null. */
export function parseRecordId(raw: string | null | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= MAX_RECORD_ID ? n : null;
}
