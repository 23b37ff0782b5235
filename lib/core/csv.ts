import "server-only";
import { stringify } from "csv-stringify/sync";

/**
 * A cell that a spreadsheet would run as a formula (OWASP "CSV injection"): it starts with `=`,
 * `@`, a tab or a carriage return, or with `+`/`-` not followed by a plain number. E.164 numbers
 * (`+14155550100`) and signed amounts (`-12.50`) stay as they are; anything else so marked gets
 * a leading `'`, which spreadsheets show as text and never evaluate.
 */
export function neutralizeFormula(value: string): string {
  if (/^[=@\t\r]/.test(value)) return `'${value}`;
  if (/^[+-]/.test(value) && !/^[+-]\d+(\.\d+)?$/.test(value)) return `'${value}`;
  return value;
}

/** A CSV column: its header and how a row gives its cell (null/undefined: an empty cell). */
export type CsvColumn<T> = { header: string; value: (row: T) => string | number | boolean | Date | null | undefined };

function cell(v: string | number | boolean | Date | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  return neutralizeFormula(String(v));
}

/**
 * A file name safe in a Content-Disposition header: `<stem>-<yyyy-mm-dd, UTC>.csv`, with anything
 * but letters, digits, `_` and `-` in the stem replaced by `_`.
 */
export function csvFileName(stem: string, now: Date): string {
  return `${stem.replace(/[^a-zA-Z0-9_-]/g, "_")}-${now.toISOString().slice(0, 10)}.csv`;
}

/** Rows stringified into one chunk of the response body (about 50 kB of a call history export). */
export const CSV_CHUNK_ROWS = 500;

/**
 * Streams `rows` as an RFC 4180 CSV download (header row first unless `header` is false, CRLF line
 * ends, UTF-8), encoded by csv-stringify CSV_CHUNK_ROWS rows at a time: the body is pulled as the
 * client reads it, so at most one chunk of rows is in memory and an export of 100,000 rows never
 * builds the file. One chunk per row instead cost a compression flush and a socket write per row
 * (issue 11: Next flushes gzip after every chunk; the 100,000-row call history export spent 3.6 s
 * of its 16 s in zlib, and takes under 3 s in chunks). Every cell passes neutralizeFormula. Dates are ISO 8601 UTC. A row source
 * that throws ends the body with that error (the client sees a cut download, never a short file
 * that looks whole).
 */
export function csvResponse<T>(opts: { fileName: string; columns: readonly CsvColumn<T>[]; rows: AsyncIterable<T> | Iterable<T>; header?: boolean }): Response {
  const { columns, rows } = opts;
  const headers = columns.map((c) => c.header);
  const source: AsyncIterator<T> | Iterator<T> = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  const encoder = new TextEncoder();
  let header = opts.header ?? true;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const records: string[][] = [];
        let done = false;
        while (records.length < CSV_CHUNK_ROWS) {
          const next = await source.next();
          if (next.done) {
            done = true;
            break;
          }
          records.push(columns.map((c) => cell(c.value(next.value))));
        }
        const text = records.length > 0 || header ? stringify(records, { header, columns: headers, record_delimiter: "windows" }) : "";
        header = false;
        if (text) controller.enqueue(encoder.encode(text));
        if (done) controller.close();
      },
      async cancel() {
        await source.return?.();
      },
    },
    // Nothing read ahead of the client: a chunk is made when the last one has been taken.
    { highWaterMark: 0 },
  );
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${opts.fileName}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
