import "server-only";
// Call lists on the Management API (the public reference's CreateCallList, AppendToCallList,
// GetCallLists, GetCallListDetails, EditCallList, StopCallListProcessing, RecoverCallList,
// DeleteCallList, CancelCallListTask, EditCallListTask), with the official client's wire names:
// the same functions as the Call lists page. file_content is the CSV's text (the client sends it
// as a multipart field; the request body is capped at 1 MB by the API pipeline, so larger files
// go through the panel's upload); encoding accepts utf-8 (the text is already decoded) and
// windows-1251 for compatibility. CreateCallList's start_at is a UNIX timestamp (seconds), as the
// client sends it; EditCallListTask's is YYYY-MM-DD HH:mm:ss (UTC), as its reference says.
import { z } from "zod";
import { API_ERROR, type ErrorMapping } from "@/lib/api/errors";
import { DONE_RESPONSE, defineMethod, done, listResponse, ok, okResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { AppError } from "@/lib/core/errors";
import { appendToCallList, cancelCallListRows, createCallList, deleteCallList, editCallList, editCallListRow, pauseCallList, resumeCallList } from "./mutations";
import { listCallListRows, listCallLists, ruleApplicationId, type CallListDto, type CallListRowDto } from "./queries";
import { CALL_LIST_STATUS_LABELS, MAX_ATTEMPTS, MAX_INTERVAL_SECONDS, MAX_SIMULTANEOUS, type RowStatus } from "./schemas";

const GROUP = "Call lists";
const ERRORS: ErrorMapping = {
  fields: {
    listId: "list_id",
    ruleId: "rule_id",
    applicationId: "rule_id",
    file: "file_content",
    maxSimultaneous: "max_simultaneous",
    numAttempts: "num_attempts",
    intervalSeconds: "interval_seconds",
    startAt: "start_at",
  },
};

export const ZCallListInfo = z
  .object({
    list_id: z.number().int(),
    list_name: z.string(),
    priority: z.number().int(),
    rule_id: z.number().int(),
    max_simultaneous: z.number().int(),
    num_attempts: z.number().int(),
    dt_submit: w.timestamp,
    dt_complete: w.timestamp,
    interval_seconds: z.number().int(),
    status: z.string().meta({ description: "Queued, In progress, Paused, Completed or Cancelled" }),
    task_priority_strategy: z.string(),
    application_id: z.number().int().meta({ description: "Ours" }),
    start_at: w.timestamp.meta({ description: "Ours: when the list starts calling" }),
    total: z.number().int().meta({ description: "Ours: rows" }),
    succeeded: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
    in_progress: z.number().int(),
    pending: z.number().int(),
    cost: z.number().meta({ description: "Ours: what the list's calls cost, in the account's currency" }),
  })
  .meta({ id: "CallListType" });

const listView = (l: CallListDto): z.output<typeof ZCallListInfo> => ({
  list_id: l.id,
  list_name: l.name,
  priority: l.priority,
  rule_id: l.ruleId,
  max_simultaneous: l.maxSimultaneous,
  num_attempts: l.numAttempts,
  dt_submit: w.formatApiDate(l.createdAt),
  dt_complete: w.formatApiDate(l.completedAt),
  interval_seconds: l.intervalSeconds,
  status: CALL_LIST_STATUS_LABELS[l.status],
  task_priority_strategy: "Normal",
  application_id: l.applicationId,
  start_at: w.formatApiDate(l.startAt),
  total: l.total,
  succeeded: l.succeeded,
  failed: l.failed,
  cancelled: l.cancelled,
  in_progress: l.inProgress,
  pending: l.pending,
  cost: l.costMinor / 100,
});

/** The reference's task status ids: 0 New, 1 In progress, 2 Processed, 3 Error, 4 Canceled. */
const TASK_STATUS: Record<RowStatus, [number, string]> = {
  pending: [0, "New"],
  in_progress: [1, "In progress"],
  succeeded: [2, "Processed"],
  failed: [3, "Error"],
  cancelled: [4, "Canceled"],
};

export const ZCallListDetail = z
  .object({
    list_id: z.number().int(),
    task_id: z.number().int(),
    task_uuid: z.string(),
    custom_data: z.string().meta({ description: "The row's fields as a JSON object (the session's custom data)" }),
    start_execution_time: z.string(),
    finish_execution_time: z.string(),
    result_data: z.string().meta({
      description: "JSON: the last call's status, reason, session id and the row's cost, and `report`: what its scenario reported (CallList.reportResult or reportError), null for nothing",
    }),
    last_attempt: w.timestamp,
    attempts_left: z.number().int(),
    status_id: z.number().int(),
    status: z.string(),
  })
  .meta({ id: "CallListDetailType" });

const detailView = (list: CallListDto, r: CallListRowDto): z.output<typeof ZCallListDetail> => ({
  list_id: list.id,
  task_id: r.id,
  task_uuid: "",
  custom_data: JSON.stringify(r.data),
  start_execution_time: "00:00:00",
  finish_execution_time: "23:59:59",
  result_data: JSON.stringify({ result: r.result, reason: r.reason, report: r.report, call_session_history_id: r.lastSessionId, cost: r.costMinor / 100 }),
  last_attempt: r.attempts > 0 ? w.formatApiDate(r.updatedAt) : null,
  attempts_left: Math.max(0, (r.attemptsAllowed ?? list.numAttempts) - r.attempts),
  status_id: TASK_STATUS[r.status][0],
  status: TASK_STATUS[r.status][1],
});

const listRef = { list_id: w.id(API_ERROR.INVALID_CALL_LIST, { description: "The call list's id" }) };
const fileParams = {
  file_content: w.text(z.string(), { description: "The CSV: a header row, then one row per call; ; or , separated" }),
  delimiter: w.optionalText(z.enum([";", ","]), "; or , (default: detected from the header)"),
  encoding: w.optionalText(z.string().regex(/^(utf-?8|windows-1251|cp1251)$/i, "utf-8 or windows-1251"), "utf-8 (the text is already decoded) or windows-1251, accepted for compatibility"),
  escape: w.optionalText(z.string().max(1), "Accepted for compatibility: fields are quoted with double quotes, doubled to escape"),
  quote: w.optionalText(z.string().max(1), "Accepted for compatibility: fields are quoted with double quotes"),
};
const startAt = z
  .number()
  .int()
  .min(0)
  .transform((s) => new Date(s * 1000));

export const createCallListMethod = defineMethod({
  name: "CreateCallList",
  group: GROUP,
  summary: "Creates a call list from a CSV and runs the rule's scenarios for each row: at most max_simultaneous at a time, num_attempts tries interval_seconds apart.",
  params: z.object({
    rule_id: w.id(API_ERROR.CALL_NOT_ROUTED, { description: "The rule whose scenarios each row's session runs (its application is the list's)" }),
    name: w.text(z.string(), { description: "The list's name" }),
    max_simultaneous: w.int({ min: 1, max: MAX_SIMULTANEOUS, description: "Calls at once" }),
    num_attempts: w.int({ min: 1, max: MAX_ATTEMPTS, description: "Tries per row" }),
    priority: w.int({ min: 0, max: 1000, description: "Higher lists are served first" }).optional(),
    interval_seconds: w.int({ min: 0, max: MAX_INTERVAL_SECONDS, description: "Seconds between a row's tries (default 60)" }).optional(),
    start_at: w.int({ min: 0, description: "When to start, UNIX time (default: now)" }).pipe(startAt).optional(),
    list_custom_data: w.optionalText(z.string().max(2000), "Accepted for compatibility (rows carry their own custom data)"),
    ...fileParams,
  }),
  response: okResponse(z.literal(1), { count: z.number().int(), list_id: z.number().int() }),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const applicationId = await ruleApplicationId(actor, p.rule_id);
    const list = await createCallList(
      actor,
      {
        applicationId,
        ruleId: p.rule_id,
        name: p.name,
        maxSimultaneous: p.max_simultaneous,
        numAttempts: p.num_attempts,
        priority: p.priority ?? 0,
        intervalSeconds: p.interval_seconds ?? 60,
        startAt: p.start_at,
        delimiter: p.delimiter,
        file: p.file_content,
      },
      { clock },
    );
    return done({ count: list.total, list_id: list.id });
  },
});

export const appendToCallListMethod = defineMethod({
  name: "AppendToCallList",
  group: GROUP,
  summary: "Appends the rows of a CSV with the list's header to a call list (a completed list runs again).",
  params: z.object({ ...listRef, ...fileParams }),
  response: okResponse(z.literal(1), { count: z.number().int(), list_id: z.number().int() }),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const { list, added } = await appendToCallList(actor, { listId: p.list_id, delimiter: p.delimiter, file: p.file_content }, { clock });
    return done({ count: added, list_id: list.id });
  },
});

export const getCallListsMethod = defineMethod({
  name: "GetCallLists",
  group: GROUP,
  summary: "The account's call lists, newest first, with their progress.",
  params: z.object({
    list_id: w.id(API_ERROR.INVALID_CALL_LIST, { description: "Only this list" }).optional(),
    name: w.optionalText(z.string().max(100), "Only lists of this name"),
    is_active: w.bool({ description: "true: queued, in progress or paused; false: completed or cancelled" }).optional(),
    from_date: w.date({ description: "Created at or after" }).optional(),
    to_date: w.date({ description: "Created at or before" }).optional(),
    application_id: w.id(API_ERROR.INVALID_APPLICATION_ID, { description: "Only this application's lists" }).optional(),
    rule_id: w.id(API_ERROR.CALL_NOT_ROUTED, { description: "Only lists of this rule" }).optional(),
    type_list: w.optionalText(z.enum(["manual", "automatic"]), "Accepted for compatibility: every list is automatic"),
    ...w.paging,
  }),
  response: listResponse(ZCallListInfo),
  errors: ERRORS,
  async handler(p, { actor }) {
    const { items, total } = await listCallLists(actor, {
      listId: p.list_id,
      name: p.name,
      active: p.is_active,
      from: p.from_date,
      to: p.to_date,
      applicationId: p.application_id,
      ruleId: p.rule_id,
      offset: p.offset,
      count: p.count,
    });
    return page(items.map(listView), total);
  },
});

const csvCell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  const safe = /^[=@\t\r]/.test(s) || (/^[+-]/.test(s) && !/^[+-]\d+(\.\d+)?$/.test(s)) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const getCallListDetailsMethod = defineMethod({
  name: "GetCallListDetails",
  group: GROUP,
  summary: "A call list's rows (tasks) in upload order, with each one's status and result: JSON (default here) or the same as CSV text.",
  params: z.object({
    ...listRef,
    output: w.optionalText(z.enum(["json", "csv"]), "json (default) or csv: the rows as CSV text in result"),
    delimiter: w.optionalText(z.enum([";", ","]), "The CSV output's delimiter (default ;)"),
    encoding: w.optionalText(z.string().max(20), "Accepted for compatibility: UTF-8"),
    ...w.paging,
  }),
  response: z.union([listResponse(ZCallListDetail), okResponse(z.string(), { count: z.number().int() })]),
  errors: ERRORS,
  async handler(p, { actor }) {
    const { list, items, total } = await listCallListRows(actor, p.list_id, { offset: p.offset, count: p.count });
    const views = items.map((r) => detailView(list, r));
    if (p.output !== "csv") return page(views, total);
    const d = p.delimiter ?? ";";
    const columns = ["list_id", "task_id", "custom_data", "status_id", "status", "attempts_left", "last_attempt", "result_data"] as const;
    const lines = [columns.join(d), ...views.map((v) => columns.map((c) => csvCell(v[c])).join(d))];
    return ok(`${lines.join("\r\n")}\r\n`, { count: views.length });
  },
});

export const editCallListMethod = defineMethod({
  name: "EditCallList",
  group: GROUP,
  summary: "Changes a call list's name, max simultaneous calls, attempts, interval, start or priority.",
  params: z.object({
    ...listRef,
    name: w.optionalText(z.string(), "A new name"),
    max_simultaneous: w.int({ min: 1, max: MAX_SIMULTANEOUS, description: "Calls at once" }).optional(),
    num_attempts: w.int({ min: 1, max: MAX_ATTEMPTS, description: "Tries per row" }).optional(),
    interval_seconds: w.int({ min: 0, max: MAX_INTERVAL_SECONDS, description: "Seconds between a row's tries" }).optional(),
    start_at: w.int({ min: 0, description: "When to start, UNIX time (moves a queued list's first calls)" }).pipe(startAt).optional(),
    priority: w.int({ min: 0, max: 1000, description: "Higher lists are served first" }).optional(),
  }),
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    await editCallList(actor, {
      listId: p.list_id,
      name: p.name,
      maxSimultaneous: p.max_simultaneous,
      numAttempts: p.num_attempts,
      intervalSeconds: p.interval_seconds,
      startAt: p.start_at,
      priority: p.priority,
    });
    return done();
  },
});

export const stopCallListMethod = defineMethod({
  name: "StopCallListProcessing",
  group: GROUP,
  summary: "Pauses a call list: no new calls (calls under way finish). RecoverCallList resumes it.",
  params: z.object(listRef),
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    await pauseCallList(actor, { listId: p.list_id });
    return done();
  },
});

export const recoverCallListMethod = defineMethod({
  name: "RecoverCallList",
  group: GROUP,
  summary: "Resumes a paused call list; count_recovery is how many rows are left to call.",
  params: z.object(listRef),
  response: okResponse(z.literal(1), { count_recovery: z.number().int() }),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const { pending } = await resumeCallList(actor, { listId: p.list_id }, { clock });
    return done({ count_recovery: pending });
  },
});

export const deleteCallListMethod = defineMethod({
  name: "DeleteCallList",
  group: GROUP,
  summary: "Deletes a call list and its rows (the call history keeps its sessions).",
  params: z.object(listRef),
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    await deleteCallList(actor, { listId: p.list_id });
    return done();
  },
});

export const cancelCallListTaskMethod = defineMethod({
  name: "CancelCallListTask",
  group: GROUP,
  summary:
    "Cancels rows of a call list (tasks_ids: GetCallListDetails' task_id; at most 1,000) that are still waiting to be called: they will never be called. A row being called or finished is left as it is; result is true when every row asked was cancelled, else error_msg says which were not and why. Our rows have no UUIDs: tasks_uuids matches none.",
  params: z.object({
    ...listRef,
    tasks_ids: w.intList({ description: "The rows' task_id values" }).optional(),
    tasks_uuids: w.stringList(z.string().max(40), { description: "The rows' UUIDs (ours have none, so none matches)" }).optional(),
  }),
  response: okResponse(z.boolean(), {
    task_id: z.number().int().optional().meta({ description: "The row, when one was asked for" }),
    task_uuid: z.string().optional(),
    error_msg: z.string().optional().meta({ description: "The rows not cancelled, each with why" }),
    cancelled_count: z.number().int().meta({ description: "Ours: how many rows were cancelled" }),
  }),
  errors: { fields: { ...ERRORS.fields, rowIds: "tasks_ids" } },
  async handler(p, { actor, clock }) {
    const uuids = p.tasks_uuids ?? [];
    if (!p.tasks_ids && uuids.length === 0) throw new AppError("INVALID_INPUT", { message: "Give tasks_ids or tasks_uuids: the rows to cancel", field: "rowIds" });
    const { cancelled, notCancelled } = p.tasks_ids ? await cancelCallListRows(actor, { listId: p.list_id, rowIds: p.tasks_ids }, { clock }) : { cancelled: [], notCancelled: [] };
    const why = [...notCancelled.map((r) => `${r.id}: ${r.why}`), ...uuids.map((u) => `${u}: No row has this UUID`)];
    const one = p.tasks_ids?.length === 1 && uuids.length === 0 ? { task_id: p.tasks_ids[0]! } : {};
    return ok(why.length === 0, { ...one, ...(why.length > 0 ? { error_msg: why.join("; ") } : {}), cancelled_count: cancelled.length });
  },
});

export const editCallListTaskMethod = defineMethod({
  name: "EditCallListTask",
  group: GROUP,
  summary:
    "Changes a row of a call list (task_id: GetCallListDetails' task_id): attempts_left from now, and start_at, the earliest time of its next call. A row whose calls were over waits again and a completed list runs again; 0 attempts left fails a waiting row. Refused for a row being called and a cancelled list. Our rows have no UUIDs.",
  params: z.object({
    ...listRef,
    task_id: w.id(API_ERROR.INVALID_CALL_LIST, { description: "The row's task_id" }),
    start_at: w.date({ description: "The earliest time of the row's next call (UTC)" }).optional(),
    attempts_left: w.int({ description: `Attempts left from now, 0 to ${MAX_ATTEMPTS}` }).optional(),
  }),
  response: okResponse(z.literal(true)),
  errors: { fields: { ...ERRORS.fields, rowId: "task_id", attemptsLeft: "attempts_left" } },
  async handler(p, { actor, clock }) {
    await editCallListRow(actor, { listId: p.list_id, rowId: p.task_id, startAt: p.start_at, attemptsLeft: p.attempts_left }, { clock });
    return ok(true);
  },
});

export const callListMethods: RegisteredMethod[] = [
  createCallListMethod,
  appendToCallListMethod,
  getCallListsMethod,
  getCallListDetailsMethod,
  editCallListMethod,
  stopCallListMethod,
  recoverCallListMethod,
  deleteCallListMethod,
  cancelCallListTaskMethod,
  editCallListTaskMethod,
] as RegisteredMethod[];
