import "server-only";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";

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

/**
 * Streams `rows` as an RFC 4180 CSV download (header row first unless `header` is false, CRLF line ends, UTF-8), through
 * csv-stringify, one row in memory at a time: exports of 100,000 rows never build the file.
 * Every cell passes neutralizeFormula. Dates are ISO 8601 UTC.
 */
export function csvResponse<T>(opts: { fileName: string; columns: readonly CsvColumn<T>[]; rows: AsyncIterable<T> | Iterable<T>; header?: boolean }): Response {
  const { columns, rows } = opts;
  const stringifier = stringify({ header: opts.header ?? true, columns: columns.map((c) => c.header), record_delimiter: "windows" });
  (async () => {
    try {
      for await (const row of rows) {
        if (!stringifier.write(columns.map((c) => cell(c.value(row))))) await new Promise((r) => stringifier.once("drain", r));
      }
      stringifier.end();
    } catch (e) {
      stringifier.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return new Response(Readable.toWeb(stringifier) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${opts.fileName}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
