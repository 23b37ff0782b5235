// Dialogflow keys through the domain and over the wire, with the official clients' names. Threats:
// the stored key file leaking through any read (API, panel DTO, audit log); another tenant's key
// or application reached by id or name; a file that is not a service account key being stored;
// a failed call writing half (a key without its binding).
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { createTestAccount, type TestAccount } from "@/test/factories";
import { callAs, insertKey, snapshot, type TestKey } from "@/test/api-kit";
import { fixtureApp } from "../applications/api-fixtures";
import { deleteApplications } from "../applications/mutations";
import { fixtureDialogflowKey, serviceAccountJson } from "./api-fixtures";
import { MAX_DIALOGFLOW_KEYS } from "./client-safe";
import { addDialogflowKey, bindDialogflowKey, deleteDialogflowKey, setDialogflowKey } from "./mutations";
import { listDialogflowKeys } from "./queries";
import { auditSentence } from "@/lib/domains/audit-log/sentences";

let acct: TestAccount;
let key: TestKey;
let app: { id: number; name: string };

beforeEach(async () => {
  acct = await createTestAccount();
  key = await insertKey(acct.id, ["Developer"]);
  app = await fixtureApp(acct.id, "bot");
});

const PRIVATE_KEY_MARK = "PRIVATE KEY";

describe("Dialogflow keys over the wire", () => {
  it("add, list, describe, bind, unbind, delete: the client's shapes, and what the panel lists", async () => {
    const other = await fixtureApp(acct.id, "ivr");
    const added = (await callAs(key, "AddDialogflowKey", { application_name: "bot", json_credentials: serviceAccountJson("support-agent-42"), description: "Support agent" })).body;
    expect(added).toEqual({ result: 1, dialogflow_key_id: expect.any(Number) });
    const id = String(added.dialogflow_key_id);

    const listed = (await callAs(key, "GetDialogflowKeys", {})).body;
    expect(listed).toMatchObject({ count: 1, total_count: 1 });
    expect(listed.result).toEqual([
      {
        dialogflow_key_id: added.dialogflow_key_id,
        content: { project_id: "support-agent-42" },
        applications: [expect.objectContaining({ application_id: app.id, application_name: expect.stringMatching(/^bot\./) })],
        description: "Support agent",
        client_email: "dialogflow@support-agent-42.iam.gserviceaccount.com",
        private_key_id: expect.stringMatching(/^[0-9a-f]{40}$/),
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(PRIVATE_KEY_MARK);

    expect((await callAs(key, "SetDialogflowKey", { dialogflow_key_id: id, description: "Support agent (EU)" })).body).toEqual({ result: 1 });
    expect((await callAs(key, "BindDialogflowKeys", { dialogflow_key_id: id, application_id: `${other.id};${app.id}` })).body).toEqual({ result: 1 });
    const both = (await callAs(key, "GetDialogflowKeys", { application_id: String(other.id) })).body.result as { applications: { application_id: number }[]; description: string }[];
    expect(both.map((k) => [k.description, k.applications.map((a) => a.application_id)])).toEqual([["Support agent (EU)", [app.id, other.id]]]);

    expect((await callAs(key, "BindDialogflowKeys", { dialogflow_key_id: id, application_id: String(app.id), bind: "false" })).body).toEqual({ result: 1 });
    expect((await callAs(key, "GetDialogflowKeys", { application_id: String(app.id) })).body).toMatchObject({ result: [], count: 0 });
    const panel = await listDialogflowKeys(await acct.actor(OWNER_ROLE), { applicationId: other.id });
    expect(panel.map((k) => [k.projectId, k.clientEmail, k.applications.map((a) => a.name)])).toEqual([["support-agent-42", "dialogflow@support-agent-42.iam.gserviceaccount.com", ["ivr"]]]);
    expect(JSON.stringify(panel)).not.toContain(PRIVATE_KEY_MARK);

    expect((await callAs(key, "DelDialogflowKey", { dialogflow_key_id: id })).body).toEqual({ result: 1 });
    expect(await db.dialogflowKey.count({ where: { accountId: acct.id } })).toBe(0);
    expect(await db.dialogflowKeyApplication.count({ where: { accountId: acct.id } })).toBe(0);
    const actions = (await db.auditLog.findMany({ where: { accountId: acct.id, action: { startsWith: "dialogflow_key." } }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["dialogflow_key.create", "dialogflow_key.update", "dialogflow_key.bind", "dialogflow_key.unbind", "dialogflow_key.delete"]);
    const audits = await db.auditLog.findMany({ where: { accountId: acct.id } });
    expect(JSON.stringify(audits)).not.toContain(PRIVATE_KEY_MARK);
    // Logs name the key by its project and key id, as the page does.
    const keyName = `support-agent-42 key ${(listed.result as { private_key_id: string }[])[0]!.private_key_id.slice(0, 8)}`;
    const sentences = audits.filter((a) => a.action.startsWith("dialogflow_key.")).map((a) => auditSentence(a));
    expect(sentences).toEqual([
      `Service account test-key added the Dialogflow key ${keyName} to bot`,
      `Service account test-key changed the description of the Dialogflow key ${keyName}`,
      `Service account test-key gave ivr the Dialogflow key ${keyName}`,
      `Service account test-key removed the Dialogflow key ${keyName} from bot`,
      `Service account test-key deleted the Dialogflow key ${keyName}`,
    ]);
  });

  it("wire rules answer their codes with nothing written", async () => {
    const theirAcct = await createTestAccount();
    const theirs = await fixtureApp(theirAcct.id, "theirs");
    const theirKey = await fixtureDialogflowKey(theirAcct.id, [theirs.id]);
    const mine = await fixtureDialogflowKey(acct.id, [app.id]);
    const before = await snapshot(acct.id);
    const good = serviceAccountJson("good-project");
    const cases: [string, Record<string, string>, number][] = [
      ["AddDialogflowKey", { json_credentials: good }, 485],
      ["AddDialogflowKey", { application_id: String(app.id) }, 485],
      ["AddDialogflowKey", { application_id: String(app.id), application_name: "bot", json_credentials: good }, 458],
      ["AddDialogflowKey", { application_id: String(theirs.id), json_credentials: good }, 558],
      ["AddDialogflowKey", { application_name: "theirs", json_credentials: good }, 558],
      ["AddDialogflowKey", { application_id: String(app.id), json_credentials: "not json" }, 641],
      ["AddDialogflowKey", { application_id: String(app.id), json_credentials: "[1,2]" }, 641],
      ["AddDialogflowKey", { application_id: String(app.id), json_credentials: serviceAccountJson("p-123456", { type: "authorized_user" }) }, 641],
      ["AddDialogflowKey", { application_id: String(app.id), json_credentials: serviceAccountJson("p-123456", { private_key: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }) }, 641],
      ["AddDialogflowKey", { application_id: String(app.id), json_credentials: serviceAccountJson("Bad_Project") }, 641],
      ["AddDialogflowKey", { application_id: String(app.id), json_credentials: serviceAccountJson("p-123456", { client_email: undefined }) }, 641],
      ["AddDialogflowKey", { application_id: String(app.id), json_credentials: serviceAccountJson("p-123456", { client_email: "someone@gmail.com" }) }, 641],
      ["AddDialogflowKey", { application_id: String(app.id), json_credentials: mine.credentials }, 643],
      ["AddDialogflowKey", { application_id: String(app.id), json_credentials: serviceAccountJson("p-123456", { padding: "x".repeat(17_000) }) }, 641],
      ["AddDialogflowKey", { application_id: String(app.id), json_credentials: good, description: "d".repeat(256) }, 101],
      ["SetDialogflowKey", { dialogflow_key_id: String(theirKey.id), description: "x" }, 640],
      ["SetDialogflowKey", { dialogflow_key_id: "abc", description: "x" }, 640],
      ["SetDialogflowKey", { dialogflow_key_id: String(mine.id) }, 485],
      ["DelDialogflowKey", { dialogflow_key_id: String(theirKey.id) }, 640],
      ["DelDialogflowKey", {}, 485],
      ["GetDialogflowKeys", { application_id: String(theirs.id) }, 558],
      ["BindDialogflowKeys", { dialogflow_key_id: String(theirKey.id), application_id: String(app.id) }, 640],
      ["BindDialogflowKeys", { dialogflow_key_id: String(mine.id), application_id: `${app.id};${theirs.id}` }, 558],
      ["BindDialogflowKeys", { dialogflow_key_id: String(mine.id), application_id: "x" }, 116],
      ["BindDialogflowKeys", { dialogflow_key_id: String(mine.id), application_id: String(app.id), bind: "maybe" }, 101],
    ];
    for (const [method, params, code] of cases) {
      const { body } = await callAs(key, method, params);
      expect(body.error?.code, `${method} ${JSON.stringify(params).slice(0, 160)}`).toBe(code);
      if (code === 641) expect(body.error?.msg).toMatch(/^Invalid 'json_credentials': /);
    }
    expect(await snapshot(acct.id)).toEqual(before);
    expect(await db.dialogflowKeyApplication.count({ where: { applicationId: theirs.id } })).toBe(1);
    // Another account's key is not listed, and GetDialogflowKeys by its id finds nothing.
    expect((await callAs(key, "GetDialogflowKeys", { dialogflow_key_id: String(theirKey.id) })).body).toEqual({ result: [], count: 0, total_count: 0 });
  });
});

describe("Dialogflow keys in the domain", () => {
  it("keeps the file as uploaded, and reads back only the project, email and key id", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const file = serviceAccountJson("kept-project");
    const k = await addDialogflowKey(owner, { applicationId: app.id, credentials: `\n${file}\n`, description: "  Sales bot " });
    expect(k).toMatchObject({ projectId: "kept-project", description: "Sales bot", privateKeyId: JSON.parse(file).private_key_id });
    expect(Object.keys(k)).not.toContain("credentials");
    expect((await db.dialogflowKey.findUniqueOrThrow({ where: { id: k.id } })).credentials).toBe(file);
  });

  it("binding twice and unbinding what is not bound change nothing and write no audit row", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const k = await fixtureDialogflowKey(acct.id, [app.id]);
    const other = await fixtureApp(acct.id, "other");
    const audits = () => db.auditLog.count({ where: { accountId: acct.id, action: { startsWith: "dialogflow_key." } } });
    expect((await bindDialogflowKey(owner, { keyId: k.id, applicationIds: [app.id, app.id] })).applications.map((a) => a.id)).toEqual([app.id]);
    expect((await bindDialogflowKey(owner, { keyId: k.id, applicationIds: [other.id], bind: false })).applications.map((a) => a.id)).toEqual([app.id]);
    expect(await audits()).toBe(0);
    // Unbinding the last application keeps the key in the account, bound to nothing.
    expect((await bindDialogflowKey(owner, { keyId: k.id, applicationIds: [app.id], bind: false })).applications).toEqual([]);
    expect(await listDialogflowKeys(owner)).toHaveLength(1);
    expect(await audits()).toBe(1);
  });

  it("a key file already in the account is refused, naming the key and what to do instead; another account may hold the same file", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const file = serviceAccountJson("twice-project");
    const first = await addDialogflowKey(owner, { applicationId: app.id, credentials: file });
    const other = await fixtureApp(acct.id, "other");
    await expect(addDialogflowKey(owner, { applicationId: other.id, credentials: file })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "credentials",
      reason: "dialogflow_key_taken",
      message: `This key (twice-project key ${first.privateKeyId.slice(0, 8)}) is already in the account: give it to this application with "Use an existing key" (BindDialogflowKeys)`,
    });
    expect(await db.dialogflowKey.count({ where: { accountId: acct.id } })).toBe(1);
    // Two adds at once: the unique index stops the second, with the same answer.
    const racer = await createTestAccount();
    const racerApp = await fixtureApp(racer.id, "race");
    const racerOwner = await racer.actor(OWNER_ROLE);
    const results = await Promise.allSettled([0, 1].map(() => addDialogflowKey(racerOwner, { applicationId: racerApp.id, credentials: file })));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { reason: "dialogflow_key_taken" } });
    expect(await db.dialogflowKey.count({ where: { accountId: racer.id } })).toBe(1);
  });

  it("deleting an application unbinds its keys and keeps them", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const other = await fixtureApp(acct.id, "other");
    const k = await fixtureDialogflowKey(acct.id, [app.id, other.id]);
    await deleteApplications(owner, { applicationIds: [app.id] });
    expect((await listDialogflowKeys(owner, { keyId: k.id }))[0]!.applications.map((a) => a.name)).toEqual(["other"]);
  });

  it("an account holds at most MAX_DIALOGFLOW_KEYS keys", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const file = serviceAccountJson("limit-project");
    await db.dialogflowKey.createMany({
      data: Array.from({ length: MAX_DIALOGFLOW_KEYS }, (_, i) => ({ accountId: acct.id, projectId: "limit-project", clientEmail: "a@b.co", privateKeyId: `k${i}`, credentials: file })),
    });
    await expect(addDialogflowKey(owner, { applicationId: app.id, credentials: file })).rejects.toMatchObject({ code: "CONFLICT", reason: "dialogflow_key_limit", field: "credentials" });
    expect(await db.dialogflowKey.count({ where: { accountId: acct.id } })).toBe(MAX_DIALOGFLOW_KEYS);
  });

  it("refuses every role without the section, in the panel and through keys, before reading anything", async () => {
    const k = await fixtureDialogflowKey(acct.id, [app.id]);
    for (const role of ["Supervisor", "Support", "Accountant", "CallListManager", "UserManager", "Payer", "PayerNoVerify", "PhoneNumberManager"] as const) {
      const actor = await acct.actor(role);
      await expect(listDialogflowKeys(actor), role).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(setDialogflowKey(actor, { keyId: k.id, description: "x" }), role).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(deleteDialogflowKey(actor, { keyId: k.id }), role).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db.dialogflowKey.count({ where: { id: k.id } })).toBe(1);
  });
});
