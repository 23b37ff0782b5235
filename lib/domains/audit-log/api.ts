import "server-only";
// The audit log on the Management API: GetAuditLog, with the public reference's parameter and
// structure names (AuditLogInfoType). A row is one change, login or API call of the account:
// cmd_name is this product's action name ("application.create", "api.call"), cmd_args the
// row's non-secret details as JSON, cmd_result its outcome (ok, denied, failed).
import { z } from "zod";
import { defineMethod, listResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { getAuditLogRange } from "./queries";

export const ZAuditLogInfo = z
  .object({
    audit_log_id: z.number().int(),
    account_id: z.number().int(),
    requested: w.timestamp,
    ip: z.string(),
    cmd_name: z.string().meta({ description: "The action, e.g. application.create or api.call" }),
    cmd_args: z.string().meta({ description: "The action's non-secret details, as a JSON object" }),
    cmd_result: z.enum(["ok", "denied", "failed"]),
    subuser_id: z.number().int().optional().meta({ description: "The subuser who acted in the panel" }),
    subuser_name: z.string().optional(),
  })
  .meta({ id: "AuditLogInfoType" });

export const getAuditLog = defineMethod({
  name: "GetAuditLog",
  group: "Audit log",
  summary: "The account's audit log in a date range (UTC): every change, login and Management API call, oldest first unless desc_order.",
  params: z.object({
    from_date: w.date({ description: "From (inclusive)" }),
    to_date: w.date({ description: "To (exclusive)" }),
    audit_log_id: w.intList({ description: "Only these entries" }).optional(),
    filtered_admin_user_id: w.intList({ description: "Only what these subusers did in the panel" }).optional(),
    filtered_ip: w.stringList(z.string().max(64), { description: "Only entries from these IP addresses" }).optional(),
    filtered_cmd: w.stringList(z.string().max(100), { description: "Only these actions (cmd_name)" }).optional(),
    advanced_filters: w.optionalText(z.string().max(100), "Only entries whose cmd_args contain this text (case-insensitive)"),
    desc_order: w.bool({ description: "Newest first" }).optional(),
    with_total_count: w.bool({ description: "Accepted for compatibility: total_count is always given" }).optional(),
    ...w.paging,
  }),
  response: listResponse(ZAuditLogInfo).extend({ timezone: z.string() }),
  errors: { fields: {} },
  async handler(p, { actor }) {
    const { rows, total } = await getAuditLogRange(
      actor,
      { from: p.from_date, to: p.to_date, ids: p.audit_log_id, subuserIds: p.filtered_admin_user_id, ips: p.filtered_ip, actions: p.filtered_cmd, argsContain: p.advanced_filters },
      { offset: p.offset, count: p.count, desc: p.desc_order ?? false },
    );
    const items = rows.map((r): z.output<typeof ZAuditLogInfo> => ({
      audit_log_id: r.id,
      account_id: actor.accountId,
      requested: w.formatApiDate(r.createdAt),
      ip: r.ip,
      cmd_name: r.action,
      cmd_args: r.detail,
      cmd_result: r.outcome === "denied" || r.outcome === "failed" ? r.outcome : "ok",
      ...(r.actorType === "subuser" && /^\d+$/.test(r.actorId) ? { subuser_id: Number(r.actorId), subuser_name: r.actorName } : {}),
    }));
    return { ...page(items, total), timezone: "UTC" };
  },
});

export const auditLogMethods: readonly RegisteredMethod[] = [getAuditLog];
