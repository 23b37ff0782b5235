// Call list inputs (sections application.call_lists, .create, .append; CreateCallList,
// AppendToCallList, EditCallList and friends) and the CSV rules, shared by the panel's upload
// route and actions, the mutations and the Management API. Pure: no database.
//
// The CSV (docs/PRODUCT.md section 7, README "Call lists"):
// - bytes are UTF-8 (a BOM is dropped) unless they are not valid UTF-8, then Windows-1251 (the
//   reference's other encoding; Node's TextDecoder has it with full ICU);
// - the delimiter is ";" or ",", whichever the header line holds more of outside quotes (";" on a
//   tie), unless the caller names one;
// - the first line is the header: unique, non-empty column names; every row has exactly as many
//   fields; the destination column is the first of phone_number, phone, number, destination
//   (any case) the header has, else its first column, and holds an E.164 number ("+" optional,
//   spaces, dots, dashes and brackets dropped: "1 (415) 555-0123" is +14155550123);
// - at most MAX_FILE_ROWS rows per file; blank lines at the end are ignored, blank lines
//   elsewhere are errors; each row's fields become the session's custom data as a JSON object
//   (at most MAX_ROW_DATA characters).
// Every bad line is reported by its line number (the first MAX_REPORTED_PROBLEMS of them, with
// the count), and a file with any problem creates nothing.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { parseUtcDateTime } from "@/lib/core/day-range";
import { toE164 } from "@/lib/core/phone";
import { safeText, zId } from "@/lib/core/validate";
export * from "./client-safe";
import { FILE_REQUIRED, MAX_FILE_BYTES, MAX_ATTEMPTS, NAME_REQUIRED, RULE_REQUIRED, WHOLE_NUMBER_SETTINGS } from "./client-safe";

/** The issue's limit: rows per uploaded file. */
export const MAX_FILE_ROWS = 100_000;
/** Ours: rows a list may grow to through appends. */
export const MAX_LIST_ROWS = 1_000_000;
/** Ours: characters of file text a call takes (the API's body is capped at 1 MB before this). */
export const MAX_FILE_CHARS = MAX_FILE_BYTES;
/** Ours: columns in the header. */
export const MAX_COLUMNS = 50;
/** A row's fields as JSON become the session's custom data: the simulator's custom data limit. */
export const MAX_ROW_DATA = 2000;
/** How many bad lines an error lists (the rest are counted). */
export const MAX_REPORTED_PROBLEMS = 50;

/** The destination column, by the first of these names in the header (any case); else the first column. */
export const DESTINATION_COLUMNS = ["phone_number", "phone", "number", "destination"] as const;

export const DELIMITERS = [";", ","] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export type CsvProblem = { line: number; message: string };
export type ParsedRow = { line: number; destination: string; data: string };
export type ParsedCsv = { header: string[]; destinationColumn: string; delimiter: Delimiter; encoding: "utf-8" | "windows-1251"; rows: ParsedRow[] };

/** Decodes a file's bytes: UTF-8 when they are valid UTF-8 (a BOM dropped), else Windows-1251. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1251" } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1251").decode(bytes), encoding: "windows-1251" };
  }
}

/** ";" or ",": whichever the first line holds more of outside double quotes (";" on a tie). */
export function detectDelimiter(text: string): Delimiter {
  let semi = 0;
  let comma = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ";") semi++;
    else if (!quoted && ch === ",") comma++;
  }
  return comma > semi ? "," : ";";
}

/** The destination column of a header (see the file comment). */
export function destinationColumnOf(header: readonly string[]): string {
  for (const name of DESTINATION_COLUMNS) {
    const found = header.find((h) => h.toLowerCase() === name);
    if (found) return found;
  }
  return header[0] ?? "";
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function problemsError(problems: CsvProblem[], total: number): AppError {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS).map((p) => (p.line > 0 ? `Line ${p.line}: ${p.message}` : p.message));
  const more = total > shown.length ? [`…and ${total - shown.length} more`] : [];
  const head = total === 1 ? "The file has a problem, so nothing was saved:" : `The file has ${total} problems, so nothing was saved:`;
  return new AppError("INVALID_INPUT", { message: [head, ...shown, ...more].join("\n"), field: "file", reason: "call_list_file_invalid" });
}

/**
 * Parses a call list CSV (the rules in the file comment). `expectHeader`: an append's list
 * header, which the file's must equal. Returns the header, the destination column and the rows;
 * throws INVALID_INPUT (field "file", reason call_list_file_invalid) listing every bad line by
 * number when anything is wrong, so a caller never writes part of a file.
 */
export function parseCallListCsv(input: string | Uint8Array, opts: { delimiter?: Delimiter; expectHeader?: readonly string[] } = {}): ParsedCsv {
  const { text: raw, encoding } = typeof input === "string" ? { text: input, encoding: "utf-8" as const } : decodeCsv(input);
  const text = raw.replace(/^\uFEFF/, "").replace(/(\r?\n|\r)+$/, "");
  const fail = (message: string, line = 0) => problemsError([{ line, message }], 1);
  if (text.trim() === "") throw fail("The file is empty: the first line must be the header (column names, e.g. phone_number;name)");
  if (!text.isWellFormed()) throw fail("The file contains an invalid character (a lone UTF-16 surrogate)");
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: false, bom: true, max_record_size: 64 * 1024 }) as unknown as typeof records;
  } catch (e) {
    const line = typeof e === "object" && e !== null && "lines" in e && typeof e.lines === "number" ? e.lines : 0;
    const why = e instanceof Error ? e.message.replace(/^Invalid Record Length: |, got .*$/g, "").replace(/ at line \d+.*$/, "") : "unreadable CSV";
    throw fail(`not valid CSV (${why.slice(0, 200)})`, line);
  }
  const [first, ...rest] = records;
  if (!first) throw fail("The file is empty: the first line must be the header (column names, e.g. phone_number;name)");
  const header = first.record.map((h) => h.trim());
  const headerProblems: string[] = [];
  if (header.length > MAX_COLUMNS) headerProblems.push(`the header has ${header.length} columns; at most ${MAX_COLUMNS}`);
  if (header.some((h) => h === "")) headerProblems.push("every header column needs a name");
  const dup = header.find((h, i) => h !== "" && header.findIndex((x) => x.toLowerCase() === h.toLowerCase()) !== i);
  if (dup) headerProblems.push(`the header names “${dup.slice(0, 40)}” twice`);
  if (header.some((h) => CONTROL.test(h) || h.length > 64)) headerProblems.push("header names are at most 64 characters, without control characters");
  if (toE164(header[0] ?? "") !== null) headerProblems.push("the first line must be the header (column names), not a row: add one, e.g. phone_number;name");
  if (headerProblems.length > 0) throw problemsError(headerProblems.map((message) => ({ line: first.info.lines, message })), headerProblems.length);
  if (opts.expectHeader && (opts.expectHeader.length !== header.length || opts.expectHeader.some((h, i) => h !== header[i]))) {
    throw fail(`the header must be the list's: ${opts.expectHeader.join(delimiter).slice(0, 300)}`, first.info.lines);
  }
  if (rest.length === 0) throw fail("The file has a header but no rows");
  if (rest.length > MAX_FILE_ROWS) throw fail(`The file has ${rest.length.toLocaleString("en-US")} rows; a file may have at most ${MAX_FILE_ROWS.toLocaleString("en-US")}`);

  const destinationColumn = destinationColumnOf(header);
  const destIndex = header.indexOf(destinationColumn);
  const problems: CsvProblem[] = [];
  let problemCount = 0;
  const problem = (line: number, message: string) => {
    problemCount++;
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push({ line, message });
  };
  const rows: ParsedRow[] = [];
  for (const { record, info } of rest) {
    const line = info.lines;
    if (record.every((f) => f.trim() === "")) {
      problem(line, "the line is empty");
      continue;
    }
    if (record.length !== header.length) {
      problem(line, `${record.length} field${record.length === 1 ? "" : "s"}, the header has ${header.length}`);
      continue;
    }
    if (record.some((f) => CONTROL.test(f))) {
      problem(line, "a field contains a control character");
      continue;
    }
    const value = (record[destIndex] ?? "").trim();
    const destination = toE164(value.startsWith("+") ? value : `+${value}`);
    if (!destination) {
      problem(line, value === "" ? `${destinationColumn} is empty` : `${destinationColumn} “${value.slice(0, 40)}” is not a phone number in international format (E.164 digits, e.g. +14155550123)`);
      continue;
    }
    const data = JSON.stringify(Object.fromEntries(header.map((h, i) => [h, i === destIndex ? destination : record[i]])));
    if (data.length > MAX_ROW_DATA) {
      problem(line, `the row's fields are ${data.length} characters as JSON; at most ${MAX_ROW_DATA}`);
      continue;
    }
    rows.push({ line, destination, data });
  }
  if (problemCount > 0) throw problemsError(problems, problemCount);
  return { header, destinationColumn, delimiter, encoding, rows };
}

const ZInt = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

export const ZCallListId = zId("Invalid call list id", "call_list_not_found");

/** A date and time (a Date, or text parseUtcDateTime reads: UTC unless it names its zone); "" or absent: now. */
const ZStartAt = z.union([z.date(), z.string().trim()]).optional().transform((v, ctx): Date | undefined => {
  if (v === undefined || v === "") return undefined;
  const d = v instanceof Date ? v : parseUtcDateTime(v);
  if (!d || Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: "custom", message: "Enter a date and time as YYYY-MM-DD HH:mm (UTC)" });
    return z.NEVER;
  }
  return d;
});

/** The settings a list is created with and EditCallList changes. */
const wholeNumber = ({ label, min, max }: { label: string; min: number; max: number }) => ZInt(label, min, max);
export const ZCallListSettings = {
  name: z.string({ error: NAME_REQUIRED }).trim().min(1, NAME_REQUIRED).max(100, "At most 100 characters").superRefine(safeText("The name")),
  maxSimultaneous: wholeNumber(WHOLE_NUMBER_SETTINGS.maxSimultaneous),
  numAttempts: wholeNumber(WHOLE_NUMBER_SETTINGS.numAttempts),
  intervalSeconds: wholeNumber(WHOLE_NUMBER_SETTINGS.intervalSeconds),
  startAt: ZStartAt,
  priority: ZInt("The priority", 0, 1000),
};

const ZFile = z.union([z.string().max(MAX_FILE_CHARS, "The file is too large"), z.custom<Uint8Array>((v) => v instanceof Uint8Array, FILE_REQUIRED)], { error: FILE_REQUIRED });
const ZDelimiter = z.enum(DELIMITERS, { error: "The delimiter is ; or ," }).optional();

/** "Create call list" and CreateCallList. `file`: the CSV, as text or as the uploaded bytes. */
export const ZCreateCallListInput = z.object({
  applicationId: zId("Choose an application", "application_id_invalid"),
  ruleId: zId(RULE_REQUIRED),
  name: ZCallListSettings.name,
  maxSimultaneous: ZCallListSettings.maxSimultaneous.default(1),
  numAttempts: ZCallListSettings.numAttempts.default(1),
  intervalSeconds: ZCallListSettings.intervalSeconds.default(60),
  startAt: ZCallListSettings.startAt,
  priority: ZCallListSettings.priority.default(0),
  delimiter: ZDelimiter,
  file: ZFile,
});
export type CreateCallListInput = z.input<typeof ZCreateCallListInput>;

/** "Append rows" and AppendToCallList: a file with the list's header. */
export const ZAppendCallListInput = z.object({ listId: ZCallListId, delimiter: ZDelimiter, file: ZFile });
export type AppendCallListInput = z.input<typeof ZAppendCallListInput>;

export const ZCallListRef = z.object({ listId: ZCallListId });
export type CallListRef = z.input<typeof ZCallListRef>;

/** CancelCallListTask and the panel's "Cancel row": rows of one list by id (the API's task_id), at most 1,000. */
export const ZCancelCallListRowsInput = z.object({
  listId: ZCallListId,
  rowIds: z
    .array(z.number().int().positive(), { error: "Choose the rows to cancel" })
    .min(1, "Choose the rows to cancel")
    .max(1000, "Cancel at most 1,000 rows at a time"),
});
export type CancelCallListRowsInput = z.input<typeof ZCancelCallListRowsInput>;

/**
 * EditCallListTask and the panel's "Call again": a row's next call (`startAt`, UTC; absent: as it
 * was, or now for a row whose calls were over) and how many attempts it has left from now
 * (`attemptsLeft`, 0..MAX_ATTEMPTS). At least one of them.
 */
export const ZEditCallListRowInput = z
  .object({
    listId: ZCallListId,
    rowId: z.number({ error: "Choose the row" }).int().positive("Choose the row"),
    startAt: ZStartAt,
    attemptsLeft: ZInt("Attempts left", 0, MAX_ATTEMPTS).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.startAt === undefined && v.attemptsLeft === undefined) ctx.addIssue({ code: "custom", path: ["attemptsLeft"], message: "Give the attempts left or the time of the next call" });
  });
export type EditCallListRowInput = z.input<typeof ZEditCallListRowInput>;

/**
 * The panel's "Call all failed rows again": every row of the list whose calls ended `status` (failed or
 * cancelled) waits again with `attemptsLeft` attempts (1..MAX_ATTEMPTS), from `startAt` if given.
 */
export const ZCallRowsAgainInput = z.object({
  listId: ZCallListId,
  status: z.enum(["failed", "cancelled"], { error: "Choose the failed or the cancelled rows" }),
  startAt: ZStartAt,
  attemptsLeft: ZInt("Attempts", 1, MAX_ATTEMPTS),
});
export type CallRowsAgainInput = z.input<typeof ZCallRowsAgainInput>;

/**
 * The panel's "Call again" dialogs, on top of the API's checks: a next call typed before the
 * current minute (UTC) is refused under its field, where EditCallListTask reads a past start_at as
 * "as soon as the list can call" (Voximplant's behaviour, kept for scripts). The form takes
 * minutes, so the current minute is not the past.
 */
export function notInThePast<S extends z.ZodType<{ startAt?: Date | undefined }>>(schema: S, now: () => number = Date.now) {
  return schema.superRefine((v, ctx) => {
    if (v.startAt && v.startAt.getTime() < Math.floor(now() / 60_000) * 60_000) {
      ctx.addIssue({ code: "custom", path: ["startAt"], message: "That time has passed: leave it empty to call as soon as the list can" });
    }
  });
}

/** EditCallList and the panel's Edit: any of the settings. */
export const ZEditCallListInput = z.object({
  listId: ZCallListId,
  name: ZCallListSettings.name.optional(),
  maxSimultaneous: ZCallListSettings.maxSimultaneous.optional(),
  numAttempts: ZCallListSettings.numAttempts.optional(),
  intervalSeconds: ZCallListSettings.intervalSeconds.optional(),
  startAt: ZCallListSettings.startAt,
  priority: ZCallListSettings.priority.optional(),
});
export type EditCallListInput = z.input<typeof ZEditCallListInput>;
