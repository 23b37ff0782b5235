import "server-only";
// Calls on the Management API, with the public reference's names: StartScenarios (a rule's
// scenarios in a new session), GetCallHistory (CallSessionInfoType with CallInfoType, RecordType
// and ResourceUsageType), DeleteRecord, GetRecordStorages, and the reference's history reports:
// GetBriefCallHistory stores a report of the matching sessions (frozen at the newest session),
// GetHistoryReports lists them (HistoryReportType) and DownloadHistoryReport streams one as CSV
// (text/csv, not gzipped: ours). A report is complete when made: the CSV is written as it streams.
//
// Recording URLs point at the panel's recording route (/calls/recordings/<id>): it serves them to
// a logged-in principal holding the call history; a key alone cannot fetch the audio (ours).
import { z } from "zod";
import { safeText } from "@/lib/core/validate";
import { API_ERROR, type ErrorMapping } from "@/lib/api/errors";
import { ApiFile, DONE_RESPONSE, defineMethod, done, listResponse, ok, okResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { csvFileName, csvResponse } from "@/lib/core/csv";
import { resolveApplication } from "@/lib/domains/applications/queries";
import { deleteRecording } from "@/lib/domains/recordings/mutations";
import { recordStorages } from "@/lib/domains/recordings/queries";
import { CALL_CSV_COLUMNS } from "./csv";
import { createHistoryReport } from "./mutations";
import { callHistoryForApi, historyReportRows, listHistoryReports, type ApiHistoryItem, type HistoryReportDto } from "./queries";
import { MAX_CUSTOM_DATA, type CallFilter } from "./schemas";
import { startScenarios } from "./simulator";
import { LEG_END_REASONS_DESCRIBED } from "./plan";

/**
 * A filter's text: at most `max` characters, no control characters (PostgreSQL refuses a NUL in
 * text and in JSON; docs/SECURITY.md "Text input"), so a bad one is a clear error naming it.
 */
const filterText = (max: number, label: string) => z.string().max(max).superRefine(safeText(label));

const GROUP = "Call history";
const money = (minor: number) => minor / 100;
const ERRORS: ErrorMapping = {
  fields: { applicationId: ["application_id", "application_name"], ruleId: "rule_id", callerUserId: "user_id", recordingId: "record_id", sessionId: "call_session_history_id", historyReportId: "history_report_id" },
};

export const ZCallInfo = z
  .object({
    call_id: z.number().int(),
    start_time: w.timestamp,
    duration: z.number().int().meta({ description: "Seconds" }),
    local_number: z.string(),
    remote_number: z.string(),
    remote_number_type: z.string(),
    incoming: z.boolean(),
    successful: z.boolean(),
    cost: z.number(),
    direction: z.string(),
    end_reason: z.string().meta({ description: `Ours, a code word: ${LEG_END_REASONS_DESCRIBED}` }),
    transaction_id: z.number().int().nullable(),
  })
  .meta({ id: "CallInfoType" });

export const ZRecord = z
  .object({
    record_id: z.number().int(),
    record_name: z.string(),
    start_time: w.timestamp,
    duration: z.number().int(),
    file_size: z.number().int(),
    cost: z.number(),
    record_url: z.string(),
    record_storage_id: z.number().int(),
  })
  .meta({ id: "RecordType" });

export const ZResourceUsage = z
  .object({
    resource_usage_id: z.number().int(),
    resource_type: z.string(),
    cost: z.number(),
    description: z.string(),
    used_at: w.timestamp,
    transaction_id: z.number().int().nullable(),
    resource_quantity: z.number(),
    unit: z.string(),
  })
  .meta({ id: "ResourceUsageType" });

export const ZCallSessionInfo = z
  .object({
    call_session_history_id: z.number().int(),
    account_id: z.number().int(),
    application_id: z.number().int(),
    application_name: z.string(),
    user_id: z.number().int().nullable(),
    rule_name: z.string(),
    start_date: w.timestamp,
    duration: z.number().int().nullable(),
    finish_reason: z.string(),
    initiator_address: z.string(),
    custom_data: z.string(),
    status: z.string().meta({ description: "Ours: running, completed, failed (no rule routed it, or the number called was invalid), no_answer, busy, rejected, payment_required, terminated, error" }),
    calls: z.array(ZCallInfo).optional(),
    records: z.array(ZRecord).optional(),
    other_resource_usage: z.array(ZResourceUsage).optional(),
  })
  .meta({ id: "CallSessionInfoType" });

const recordUrl = (apiAddress: string, id: number) => `${new URL(apiAddress).origin}/calls/recordings/${id}`;

function view(s: ApiHistoryItem, accountId: number, apiAddress: string, withOther: boolean): z.output<typeof ZCallSessionInfo> {
  return {
    call_session_history_id: s.id,
    account_id: accountId,
    application_id: s.applicationId,
    application_name: s.applicationName,
    user_id: s.appUserId,
    rule_name: s.ruleName,
    start_date: w.formatApiDate(s.startedAt),
    duration: s.status === "running" ? null : s.durationSeconds,
    finish_reason: s.finishReason,
    initiator_address: s.initiator,
    custom_data: s.customData,
    status: s.status,
    ...(s.legs
      ? {
          calls: s.legs.map((l) => ({
            call_id: l.id,
            start_time: w.formatApiDate(l.startedAt),
            duration: l.durationSeconds,
            local_number: l.localNumber,
            remote_number: l.remoteNumber,
            remote_number_type: l.remoteNumberType,
            incoming: l.incoming,
            successful: l.successful,
            cost: money(l.costMinor),
            direction: l.incoming ? "in" : "out",
            end_reason: l.endReason,
            transaction_id: l.ledgerEntryId,
          })),
        }
      : {}),
    ...(s.recordings
      ? {
          records: s.recordings.map((r) => ({
            record_id: r.id,
            record_name: r.name,
            start_time: w.formatApiDate(r.startedAt),
            duration: r.durationSeconds,
            file_size: r.sizeBytes,
            cost: money(r.costMinor),
            record_url: recordUrl(apiAddress, r.id),
            record_storage_id: 1,
          })),
        }
      : {}),
    // Ours: a session's only resources are its calls and recordings (listed above): none other.
    ...(withOther ? { other_resource_usage: [] } : {}),
  };
}

export const startScenariosMethod = defineMethod({
  name: "StartScenarios",
  group: GROUP,
  summary: "Runs a rule's scenarios in a new session (the call simulator); the scenario places its calls itself, learning whom to call from script_custom_data.",
  params: z.object({
    rule_id: w.id(API_ERROR.CALL_NOT_ROUTED, { description: "The rule whose scenarios run" }),
    application_id: w.id(API_ERROR.INVALID_APPLICATION_ID, { description: "The rule's application" }).optional(),
    application_name: w.optionalText(z.string().max(200), "The rule's application, by name (instead of application_id)"),
    user_id: w.id(API_ERROR.INVALID_USER_ID, { description: "The application user the session is for (its separate balance pays)" }).optional(),
    script_custom_data: w.optionalText(z.string().max(MAX_CUSTOM_DATA), "VoxEngine.customData() in the scenario"),
    reference_ip: w.optionalText(z.string().max(64), "Accepted for compatibility"),
  }),
  oneOf: [{ params: ["application_id", "application_name"], required: true }],
  response: okResponse(z.literal(1), { call_session_history_id: z.number().int(), media_session_access_url: z.string(), media_session_access_secure_url: z.string() }),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const app = await resolveApplication(actor, { applicationId: p.application_id, applicationName: p.application_name });
    const s = await startScenarios(actor, { applicationId: app.id, ruleId: p.rule_id, userId: p.user_id, customData: p.script_custom_data ?? "" }, { clock });
    // Ours: the simulator has no media session to reach: the URLs are empty.
    return done({ call_session_history_id: s.id, media_session_access_url: "", media_session_access_secure_url: "" });
  },
});

export const getCallHistoryMethod = defineMethod({
  name: "GetCallHistory",
  group: GROUP,
  summary: "Call sessions started in a date range (UTC), oldest first unless desc_order, with their calls and records when asked. With application_id, holders of that application's call history may call it.",
  params: z.object({
    from_date: w.date({ description: "Started at or after (UTC)" }).optional(),
    to_date: w.date({ description: "Started before (UTC)" }).optional(),
    call_session_history_id: w.intList({ description: "Only these sessions", apiCode: API_ERROR.INVALID_CALL_SESSION }).optional(),
    application_id: w.id(API_ERROR.INVALID_APPLICATION_ID, { description: "Only this application's sessions" }).optional(),
    application_name: w.optionalText(z.string().max(200), "Only this application's sessions, by name"),
    user_id: w.intList({ description: "Only the sessions of these application users", apiCode: API_ERROR.INVALID_USER_ID }).optional(),
    rule_name: w.optionalText(filterText(100, "rule_name"), "Only sessions started by the rule of this name"),
    remote_number: w.stringList(filterText(64, "remote_number"), { description: "The far end: the caller of an inbound call, the called of an outbound one" }).optional(),
    local_number: w.stringList(filterText(64, "local_number"), { description: "The platform's side of the call" }).optional(),
    call_session_history_custom_data: w.optionalText(filterText(MAX_CUSTOM_DATA, "call_session_history_custom_data"), "Only sessions with exactly this custom data"),
    with_calls: w.bool({ description: "Include each session's calls" }).optional(),
    with_records: w.bool({ description: "Include each session's records" }).optional(),
    with_other_resources: w.bool({ description: "Include other resource usage (none in this product)" }).optional(),
    desc_order: w.bool({ description: "Newest first" }).optional(),
    with_total_count: w.bool({ description: "Count every match (default true)" }).optional(),
    ...w.paging,
  }),
  oneOf: [{ params: ["application_id", "application_name"], required: false }],
  response: listResponse(ZCallSessionInfo).extend({ timezone: z.string() }),
  errors: ERRORS,
  async handler(p, { actor, apiAddress }) {
    const applicationId =
      p.application_id !== undefined || p.application_name !== undefined ? (await resolveApplication(actor, { applicationId: p.application_id, applicationName: p.application_name })).id : undefined;
    const filter: CallFilter = {
      ...(applicationId !== undefined ? { applicationId } : {}),
      ...(p.from_date ? { from: p.from_date } : {}),
      ...(p.to_date ? { to: p.to_date } : {}),
      ...(p.call_session_history_id ? { sessionIds: p.call_session_history_id } : {}),
      ...(p.user_id ? { appUserIds: p.user_id } : {}),
      ...(p.rule_name !== undefined ? { ruleName: p.rule_name } : {}),
      ...(p.remote_number ? { remoteNumbers: p.remote_number } : {}),
      ...(p.local_number ? { localNumbers: p.local_number } : {}),
      ...(p.call_session_history_custom_data !== undefined ? { customData: p.call_session_history_custom_data } : {}),
    };
    const { items, total } = await callHistoryForApi(actor, {
      filter,
      desc: p.desc_order ?? false,
      offset: p.offset,
      count: p.count,
      withCalls: p.with_calls ?? false,
      withRecords: p.with_records ?? false,
      withTotal: p.with_total_count ?? true,
    });
    const result = items.map((s) => view(s, actor.accountId, apiAddress, p.with_other_resources ?? false));
    return { ...page(result, total), timezone: "UTC" };
  },
});

export const deleteRecordMethod = defineMethod({
  name: "DeleteRecord",
  group: GROUP,
  summary: "Deletes a recording's audio for good (the session keeps a note that it was recorded).",
  params: z.object({ record_id: w.id(API_ERROR.INVALID_RECORD, { description: "The record's id" }) }),
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    await deleteRecording(actor, { recordingId: p.record_id }, clock);
    return done();
  },
});

export const getRecordStoragesMethod = defineMethod({
  name: "GetRecordStorages",
  group: GROUP,
  summary: "The storages recordings are kept in: one, this panel's own database (secure storage is a per-application flag on top of it).",
  params: z.object({}),
  response: okResponse(z.array(z.object({ record_storage_id: z.number().int(), record_storage_name: z.string() }).meta({ id: "RecordStorageInfoType" }))),
  errors: ERRORS,
  async handler(_p, { actor }) {
    return ok(recordStorages(actor).map((s) => ({ record_storage_id: s.id, record_storage_name: s.name })));
  },
});

export const getBriefCallHistoryMethod = defineMethod({
  name: "GetBriefCallHistory",
  group: GROUP,
  summary:
    "Makes a CSV report of the call sessions started in [from_date, to_date) (UTC) that match the filters, as they are now: fetch it with DownloadHistoryReport, list reports with GetHistoryReports. With application_id, holders of that application's call history may call it.",
  params: z.object({
    from_date: w.date({ description: "Started at or after (UTC)" }),
    to_date: w.date({ description: "Started before (UTC)" }),
    output: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.literal("csv")).meta({ description: "The report's format: csv" }),
    call_session_history_id: w.intList({ description: "Only these sessions", apiCode: API_ERROR.INVALID_CALL_SESSION }).optional(),
    application_id: w.id(API_ERROR.INVALID_APPLICATION_ID, { description: "Only this application's sessions" }).optional(),
    application_name: w.optionalText(z.string().max(200), "Only this application's sessions, by name"),
    rule_name: w.optionalText(filterText(100, "rule_name"), "Only sessions started by the rule of this name"),
    remote_number: w.stringList(filterText(64, "remote_number"), { description: "The far end: the caller of an inbound call, the called of an outbound one" }).optional(),
    local_number: w.stringList(filterText(64, "local_number"), { description: "The platform's side of the call" }).optional(),
    call_session_history_custom_data: w.optionalText(filterText(MAX_CUSTOM_DATA, "call_session_history_custom_data"), "Only sessions with exactly this custom data"),
    desc_order: w.bool({ description: "Newest first (default: oldest first)" }).optional(),
    with_header: w.bool({ description: "Start the CSV with a header row (default true)" }).optional(),
  }),
  oneOf: [{ params: ["application_id", "application_name"], required: false }],
  response: okResponse(z.literal(1), { history_report_id: z.number().int() }),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const applicationId =
      p.application_id !== undefined || p.application_name !== undefined ? (await resolveApplication(actor, { applicationId: p.application_id, applicationName: p.application_name })).id : undefined;
    const report = await createHistoryReport(
      actor,
      {
        filter: {
          ...(applicationId !== undefined ? { applicationId } : {}),
          from: p.from_date,
          to: p.to_date,
          ...(p.call_session_history_id ? { sessionIds: p.call_session_history_id } : {}),
          ...(p.rule_name !== undefined ? { ruleName: p.rule_name } : {}),
          ...(p.remote_number ? { remoteNumbers: p.remote_number } : {}),
          ...(p.local_number ? { localNumbers: p.local_number } : {}),
          ...(p.call_session_history_custom_data !== undefined ? { customData: p.call_session_history_custom_data } : {}),
        },
        desc: p.desc_order ?? false,
        withHeader: p.with_header ?? true,
      },
      clock(),
    );
    return done({ history_report_id: report.id });
  },
});

export const ZHistoryReport = z
  .object({
    history_report_id: z.number().int(),
    history_type: z.string(),
    created: w.timestamp,
    format: z.string(),
    completed: w.timestamp.meta({ description: "When the report was ready (it is ready when made)" }),
    file_name: z.string(),
    session_count: z.number().int(),
    filters: z.record(z.string(), z.unknown()).meta({ description: "The report's filters, in the request's parameter names" }),
  })
  .meta({ id: "HistoryReportType" });

function reportView(r: HistoryReportDto): z.output<typeof ZHistoryReport> {
  const f = r.spec.filter;
  return {
    history_report_id: r.id,
    history_type: r.historyType,
    created: w.formatApiDate(r.createdAt),
    format: "csv",
    completed: w.formatApiDate(r.createdAt),
    file_name: r.fileName,
    session_count: r.sessionCount,
    filters: {
      from_date: w.formatApiDate(f.from),
      to_date: w.formatApiDate(f.to),
      ...(f.applicationId !== undefined ? { application_id: f.applicationId } : {}),
      ...(f.sessionIds ? { call_session_history_id: f.sessionIds } : {}),
      ...(f.ruleName !== undefined ? { rule_name: f.ruleName } : {}),
      ...(f.remoteNumbers ? { remote_number: f.remoteNumbers } : {}),
      ...(f.localNumbers ? { local_number: f.localNumbers } : {}),
      ...(f.customData !== undefined ? { call_session_history_custom_data: f.customData } : {}),
      desc_order: r.spec.desc,
      with_header: r.spec.withHeader,
    },
  };
}

export const getHistoryReportsMethod = defineMethod({
  name: "GetHistoryReports",
  group: GROUP,
  summary: "The account's history reports (GetBriefCallHistory), newest first unless desc_order is false.",
  params: z.object({
    history_report_id: w.id(API_ERROR.INVALID_HISTORY_REPORT, { description: "Only this report" }).optional(),
    history_type: w.stringList(z.string().max(20), { description: "Only these types: calls (the only one here)" }).optional(),
    created_from: w.date({ description: "Made at or after (UTC)" }).optional(),
    created_to: w.date({ description: "Made before (UTC)" }).optional(),
    is_completed: w.bool({ description: "Only completed (true) or pending (false) reports: every report is complete when made" }).optional(),
    desc_order: w.bool({ description: "Newest first (default true)" }).optional(),
    application_id: w.intList({ description: "Only the reports filtered to these applications", apiCode: API_ERROR.INVALID_APPLICATION_ID }).optional(),
    ...w.paging,
  }),
  response: listResponse(ZHistoryReport),
  errors: ERRORS,
  async handler(p, { actor }) {
    if (p.history_type && !p.history_type.some((t) => t.trim().toLowerCase() === "calls")) return page([], 0);
    const { items, total } = await listHistoryReports(actor, {
      ...(p.history_report_id !== undefined ? { ids: [p.history_report_id] } : {}),
      ...(p.created_from ? { createdFrom: p.created_from } : {}),
      ...(p.created_to ? { createdTo: p.created_to } : {}),
      ...(p.is_completed !== undefined ? { completed: p.is_completed } : {}),
      ...(p.application_id ? { applicationIds: p.application_id } : {}),
      desc: p.desc_order ?? true,
      offset: p.offset,
      count: p.count,
    });
    return page(items.map(reportView), total);
  },
});

export const downloadHistoryReportMethod = defineMethod({
  name: "DownloadHistoryReport",
  group: GROUP,
  summary: "Streams a history report as CSV (text/csv, UTF-8; ours: not gzipped): one row per session, formula-safe cells, cost in the account's currency.",
  params: z.object({ history_report_id: w.id(API_ERROR.INVALID_HISTORY_REPORT, { description: "The report's id (GetBriefCallHistory)" }) }),
  response: z.object({ result: z.string().meta({ description: "The CSV file" }) }),
  file: { contentType: "text/csv" },
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const { report, rows } = await historyReportRows(actor, p.history_report_id);
    return new ApiFile(csvResponse({ fileName: csvFileName(`call-history-report-${report.id}`, clock()), columns: CALL_CSV_COLUMNS, rows, header: report.spec.withHeader }));
  },
});

export const callMethods: RegisteredMethod[] = [
  startScenariosMethod,
  getCallHistoryMethod,
  getBriefCallHistoryMethod,
  getHistoryReportsMethod,
  downloadHistoryReportMethod,
  deleteRecordMethod,
  getRecordStoragesMethod,
];
