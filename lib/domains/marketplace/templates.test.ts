// Every Marketplace template, rendered and run in the scenario sandbox on the simulated clock:
// the script it writes does what its card says. And the install form's values are parsed with
// errors naming the field, and cannot change the code around them.
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/core/random";
import { AppError } from "@/lib/core/errors";
import { checkScript, runScenarios } from "@/lib/domains/scenarios/runtime";
import type { CallSetup, ScenarioRun, SimulatedParty } from "@/lib/domains/scenarios/runtime-contract";
import { inboundCall } from "@/lib/domains/scenarios/runtime-fixtures";
import { findTemplate, renderTemplate, TEMPLATES, templateCards, type TemplateId } from "./templates";

const call = (party: Partial<SimulatedParty> = {}, startMs = Date.UTC(2026, 11, 2, 12, 0)): CallSetup & { startMs: number } => ({
  ...inboundCall({ hangupAfterSeconds: 30, ...party }),
  startMs,
});

function script(id: TemplateId, values: Record<string, string>): string {
  return renderTemplate(findTemplate(id)!, values).script;
}

async function run(id: TemplateId, values: Record<string, string>, setup = call()): Promise<ScenarioRun> {
  const { startMs, ...c } = setup;
  const r = await runScenarios([{ name: id, script: script(id, values) }], c, { random: seededRandom(3), startedAt: new Date(startMs) });
  expect(r.outcome, JSON.stringify(r.events)).toBe("completed");
  return r;
}

const types = (r: ScenarioRun) => r.events.filter((e) => e.type !== "log").map((e) => e.type);

/** The field error renderTemplate throws for these values. */
function fieldError(id: TemplateId, values: Record<string, string>): { field: string | undefined; message: string } {
  try {
    renderTemplate(findTemplate(id)!, values);
  } catch (e) {
    if (e instanceof AppError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error("no error");
}

const defaults = (id: TemplateId) => Object.fromEntries(findTemplate(id)!.fields.map((f) => [f.name, f.defaultValue]));

describe("the catalogue", () => {
  it("lists each template once, with plain cards whose defaults pass the sandbox's syntax check once the blanks are filled", async () => {
    const cards = templateCards();
    expect(cards.map((c) => c.id)).toEqual(TEMPLATES.map((t) => t.id));
    expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
    expect(JSON.parse(JSON.stringify(cards))).toEqual(cards);
    // The install form names the template's inputs by the fields' own names, beside its own.
    for (const c of cards) for (const f of c.fields) expect(["templateId", "applicationId", "scenarioName", "addRule", "rulePattern", "ruleFirst"], `${c.id}.${f.name}`).not.toContain(f.name);
    // A missing user is refused under a field the form shows.
    for (const t of TEMPLATES) if ("usersCalled" in t && t.usersCalled) expect(t.fields.map((f) => f.name), t.id).toContain(t.usersCalled.field);
    // So are a missing queue and missing skills.
    for (const t of TEMPLATES) if ("smartQueueUsed" in t && t.smartQueueUsed) expect(t.fields.map((f) => f.name), t.id).toEqual(expect.arrayContaining([t.smartQueueUsed.queueField, t.smartQueueUsed.skillsField]));
    const filled: Record<string, string> = { number: "+14155550123", username: "alice", options: "1 +14155550123\n2 alice", queue: "Support", skills: "", callerId: "+14155550100" };
    for (const t of TEMPLATES) {
      const values = { ...defaults(t.id), ...Object.fromEntries(t.fields.filter((f) => f.defaultValue === "").map((f) => [f.name, filled[f.name]!])) };
      expect(await checkScript(script(t.id, values)), t.id).toBeNull();
    }
  });
});

describe("Forward to a phone number", () => {
  it("rings the number with the dialled number as caller ID and connects the caller", async () => {
    const r = await run("forward-to-number", { number: "+1 (415) 555-0123" });
    const fwd = r.events.find((e) => e.type === "forward");
    expect(fwd).toMatchObject({ to: "+14155550123", kind: "number", answered: true, callerId: "+15550002222" });
    expect(types(r)).toContain("answer");
    expect(types(r).at(-1)).toBe("hangup");
  });

  it("shows the caller's own number instead when asked; anything else is refused under the field", async () => {
    const r = await run("forward-to-number", { number: "+14155550123", forwardCallerId: "caller" });
    expect(r.events.find((e) => e.type === "forward")).toMatchObject({ to: "+14155550123", answered: true, callerId: "+15550001111" });
    expect(fieldError("forward-to-number", { number: "+14155550123", forwardCallerId: "anyone" })).toMatchObject({ field: "forwardCallerId", message: "Choose the caller ID shown" });
  });

  it("a busy number ends the call, the log saying why", async () => {
    const r = await run("forward-to-number", { number: "+14155550000" });
    expect(r.events.find((e) => e.type === "forward")).toMatchObject({ answered: false, failure: "busy" });
    expect(r.events.filter((e) => e.type === "log").map((e) => e.type === "log" && e.line)).toEqual(["Forwarding +15550001111 to +14155550000", "The forward to +14155550000 failed: 486 Busy Here"]);
    expect(types(r)).not.toContain("answer");
  });

  it("refuses a number that is not one, under `number`", () => {
    expect(fieldError("forward-to-number", { number: "call me" })).toMatchObject({ field: "number", message: expect.stringContaining("international format") });
  });
});

describe("Business hours", () => {
  const values: Record<string, string> = { ...defaults("business-hours"), number: "+14155550123", opens: "09:00", closes: "17:30", utcOffset: "+02:00", days: "mon-fri" };

  it("open (Wednesday 10:00 at UTC+02:00): rings the number", async () => {
    const r = await run("business-hours", values, call({}, Date.UTC(2026, 11, 2, 8, 0)));
    expect(r.events.find((e) => e.type === "forward")).toMatchObject({ to: "+14155550123", answered: true, callerId: "+15550002222" });
    expect(r.events.find((e) => e.type === "log")).toMatchObject({ line: "Open: forwarding to +14155550123" });
    const shown = await run("business-hours", { ...values, forwardCallerId: "caller" }, call({}, Date.UTC(2026, 11, 2, 8, 0)));
    expect(shown.events.find((e) => e.type === "forward")).toMatchObject({ callerId: "+15550001111" });
  });

  it("closed (Wednesday 17:30 at UTC+02:00, the closing minute; and Saturday noon): the closed message, no forward", async () => {
    for (const at of [Date.UTC(2026, 11, 2, 15, 30), Date.UTC(2026, 11, 5, 10, 0)]) {
      const r = await run("business-hours", values, call({}, at));
      expect(types(r)).toEqual(["answer", "say", "hangup"]);
      expect(r.events.find((e) => e.type === "say")).toMatchObject({ text: values.closedMessage });
    }
  });

  it("refuses a closing time not later than the opening time under `closes`, a bad time under its field, an unknown zone under `utcOffset`", () => {
    expect(fieldError("business-hours", { ...values, closes: "09:00" })).toMatchObject({ field: "closes", message: "The closing time must be later than the opening time" });
    expect(fieldError("business-hours", { ...values, opens: "25:00" })).toMatchObject({ field: "opens", message: expect.stringContaining("time of day") });
    expect(fieldError("business-hours", { ...values, utcOffset: "+02:15" })).toMatchObject({ field: "utcOffset" });
    expect(fieldError("business-hours", { ...values, days: "weekends" })).toMatchObject({ field: "days" });
  });
});

describe("IVR menu", () => {
  const values = { prompt: "For sales press 1, for support press 2.", options: "1 +14155550123\n2 Alice\n\n# +442071838750" };

  it("connects key 2 to the user, with the caller's number as caller ID", async () => {
    const r = await run("ivr-menu", values, call({ dtmf: "2" }));
    expect(r.events.find((e) => e.type === "dtmf")).toMatchObject({ digits: "2" });
    expect(r.events.find((e) => e.type === "forward")).toMatchObject({ to: "alice", kind: "user", callerId: "+15550001111" });
  });

  it("connects key 1 to the number, with the dialled number as caller ID", async () => {
    const r = await run("ivr-menu", values, call({ dtmf: "1" }));
    expect(r.events.find((e) => e.type === "forward")).toMatchObject({ to: "+14155550123", kind: "number", callerId: "+15550002222" });
  });

  it("silence: reads the prompt twice, says goodbye and hangs up; an unknown key is ignored", async () => {
    for (const dtmf of ["", "9"]) {
      const r = await run("ivr-menu", values, call({ dtmf }));
      expect(r.events.filter((e) => e.type === "say").map((e) => (e.type === "say" ? e.text : ""))).toEqual([values.prompt, values.prompt, "Goodbye!"]);
      expect(r.events.some((e) => e.type === "forward")).toBe(false);
      expect(r.events.at(-1)).toMatchObject({ type: "hangup", by: "scenario" });
    }
  });

  it("refuses malformed options under `options`, naming the line", () => {
    expect(fieldError("ivr-menu", { ...values, options: "" })).toMatchObject({ field: "options", message: expect.stringContaining("at least one option") });
    expect(fieldError("ivr-menu", { ...values, options: "1 +14155550123\nx nobody here" })).toMatchObject({ field: "options", message: expect.stringContaining("Line 2") });
    expect(fieldError("ivr-menu", { ...values, options: "1 +14155550123\n1 alice" })).toMatchObject({ field: "options", message: "Line 2: key 1 is already used" });
    expect(fieldError("ivr-menu", { ...values, options: Array.from({ length: 11 }, (_, i) => `${i % 10} alice`).join("\n") })).toMatchObject({ field: "options" });
  });
});

describe("Voicemail", () => {
  it("greets, records for the longest message, thanks and hangs up", async () => {
    const r = await run("voicemail", { greeting: "Leave a message.", maxSeconds: "15" }, call({ hangupAfterSeconds: null }));
    expect(types(r)).toEqual(["answer", "say", "record_start", "record_stop", "say", "hangup"]);
    const start = r.events.find((e) => e.type === "record_start")!;
    const stop = r.events.find((e) => e.type === "record_stop")!;
    expect(stop.at - start.at).toBe(15);
  });

  it("refuses a length out of bounds under `maxSeconds` and an empty greeting under `greeting`", () => {
    expect(fieldError("voicemail", { greeting: "Hi", maxSeconds: "301" })).toMatchObject({ field: "maxSeconds", message: expect.stringContaining("from 5 to 300") });
    expect(fieldError("voicemail", { greeting: "  ", maxSeconds: "30" })).toMatchObject({ field: "greeting", message: "Greeting is required" });
  });
});

describe("Ring a user, then voicemail", () => {
  const values = { ...defaults("ring-user"), username: "Alice", ringSeconds: "10", maxSeconds: "20" };

  it("the user answers: the caller is connected, no voicemail", async () => {
    const r = await run("ring-user", values, call({ answerAfterSeconds: 3 }));
    expect(r.events.find((e) => e.type === "forward")).toMatchObject({ to: "alice", kind: "user", answered: true, callerId: "+15550001111" });
    expect(types(r)).not.toContain("record_start");
  });

  it("nobody answers within the ring time: voicemail records the message", async () => {
    const r = await run("ring-user", values, call({ answerAfterSeconds: null, hangupAfterSeconds: null }));
    expect(r.events.find((e) => e.type === "forward")).toMatchObject({ to: "alice", answered: false });
    const ts = types(r);
    expect(ts.slice(ts.indexOf("answer"))).toEqual(["answer", "say", "record_start", "record_stop", "say", "hangup"]);
    expect(r.events.find((e) => e.type === "answer")!.at).toBe(10);
  });

  it("refuses a user name that cannot be one under `username`", () => {
    expect(fieldError("ring-user", { ...values, username: "a b" })).toMatchObject({ field: "username" });
  });
});

describe("Queue to agents", () => {
  const values: Record<string, string> = { ...defaults("queue-to-agents"), queue: "support", skills: "English 3\nbilling", offerSeconds: "15" };
  const agent = (id: number, name: string, skills: Record<string, number>) => ({ id, name, handlesCalls: true, skills });
  const withQueue = (agents: ReturnType<typeof agent>[], party: Partial<SimulatedParty> = {}) => {
    const smartQueue = { skills: ["English", "Billing"], queues: [{ id: 1, name: "Support", agentSelection: "MOST_QUALIFIED" as const, holdIfNoAgent: false, maxWaitingSeconds: null, agents }] };
    return { ...call(party), smartQueue };
  };

  it("parses the required skills: a name and an optional level (1 when left out)", () => {
    expect(script("queue-to-agents", values)).toContain('const SKILLS = [{"name":"English","level":3},{"name":"billing","level":1}];');
    expect(renderTemplate(findTemplate("queue-to-agents")!, values).smartQueueUsed).toEqual({ queueField: "queue", queue: "support", skillsField: "skills", skills: ["English", "billing"] });
  });

  it("the best agent with the skills answers: the welcome stops and the caller talks to the agent", async () => {
    const r = await run("queue-to-agents", values, withQueue([agent(1, "dave", { english: 3, billing: 1 }), agent(2, "erin", { english: 5, billing: 2 }), agent(3, "finn", { english: 5 })], { answerAfterSeconds: 2 }));
    expect(r.events.filter((e) => e.type === "queue").map((e) => [e.at, e.what, e.agent])).toEqual([
      [0, "enqueued", undefined],
      [0, "distributed", "erin"],
      [2, "reached", "erin"],
    ]);
    expect(r.events.find((e) => e.type === "say")).toMatchObject({ text: values.welcome, seconds: 2 });
    expect(r.events.some((e) => e.type === "log" && e.line === "Connected to erin")).toBe(true);
    // They talk until the caller hangs up, 30 s after the answer.
    expect(r.events.at(-1)).toMatchObject({ type: "hangup", at: 30, by: "party" });
  });

  it("nobody answers within the ring time, or nobody has the skills: the apology, then the hangup", async () => {
    const unanswered = await run("queue-to-agents", values, withQueue([agent(1, "dave", { english: 3, billing: 1 })], { answerAfterSeconds: null, hangupAfterSeconds: null }));
    expect(unanswered.events.filter((e) => e.type === "queue").at(-1)).toMatchObject({ at: 15, what: "cancelled", status: "FAILED" });
    expect(unanswered.events.filter((e) => e.type === "say").map((e) => [e.at, e.text])).toEqual([
      [0, values.welcome],
      [15, values.apology],
    ]);
    const unskilled = await run("queue-to-agents", values, withQueue([agent(1, "dave", { english: 2 })], { hangupAfterSeconds: null }));
    expect(unskilled.events.filter((e) => e.type === "queue").at(-1)).toMatchObject({ at: 0, what: "cancelled", status: "OPERATOR_NOT_AVAILABLE" });
    expect(unskilled.events.at(-1)).toMatchObject({ type: "hangup", by: "scenario" });
  });

  it("refuses malformed skills under `skills` and a missing queue under `queue`", () => {
    expect(fieldError("queue-to-agents", { ...values, skills: "English 7" })).toMatchObject({ field: "skills", message: expect.stringContaining("Line 1") });
    expect(renderTemplate(findTemplate("queue-to-agents")!, { ...values, skills: "Tier 2 4" }).script).toContain('[{"name":"Tier 2","level":4}]');
    expect(fieldError("queue-to-agents", { ...values, skills: "English 3, Spanish 2" })).toMatchObject({ field: "skills", message: expect.stringContaining("one skill per line") });
    expect(fieldError("queue-to-agents", { ...values, skills: "English\nenglish 2" })).toMatchObject({ field: "skills", message: "Line 2: english is already required" });
    expect(fieldError("queue-to-agents", { ...values, skills: "a\nb\nc\nd\ne\nf" })).toMatchObject({ field: "skills", message: "Require at most 5 skills" });
    expect(fieldError("queue-to-agents", { ...values, queue: "  " })).toMatchObject({ field: "queue", message: "Queue is required" });
  });
});

describe("Call list: spoken notification", () => {
  const values: Record<string, string> = { ...defaults("call-list-notification"), callerId: "+1 415 555 0100", message: "Hello {name}, your {item} has shipped. {unknown} stays." };
  /** A call list's session for this row: outbound, the row as custom data, the called party as a list's (answers after 2 s). */
  const rowCall = (row: Record<string, string>, party: Partial<SimulatedParty> = {}) => ({
    ...call({ answerAfterSeconds: 2, hangupAfterSeconds: null, ...party }),
    direction: "outbound" as const,
    to: row.phone_number ?? "",
    customData: JSON.stringify(row),
  });
  const reports = (r: ScenarioRun) => r.events.filter((e) => e.type === "list_report").map((e) => [e.kind, JSON.parse(e.data) as unknown]);

  it("answered: reads the message filled in from the row, hangs up and reports the row delivered", async () => {
    const r = await run("call-list-notification", values, rowCall({ phone_number: "+12125550101", name: "Ann", item: "order" }));
    expect(r.events[0]).toMatchObject({ type: "forward", to: "+12125550101", callerId: "+14155550100", answered: true });
    expect(r.events.find((e) => e.type === "say")).toMatchObject({ at: 2, text: "Hello Ann, your order has shipped. {unknown} stays." });
    expect(reports(r)).toEqual([["result", { delivered: true }]]);
    expect(r.events.at(-1)).toMatchObject({ type: "hangup", by: "scenario" });
  });

  it("busy, hung up during the message, or a row without the number column: an error, so the list tries the row again", async () => {
    const busy = await run("call-list-notification", values, rowCall({ phone_number: "+12125550000", name: "Bo", item: "order" }));
    expect(reports(busy)).toEqual([["error", { delivered: false, reason: "486 Busy Here" }]]);
    const early = await run("call-list-notification", values, rowCall({ phone_number: "+12125550102", name: "Cy", item: "order" }, { hangupAfterSeconds: 1 }));
    expect(reports(early)).toEqual([["error", { delivered: false, reason: "Hung up before the end of the message" }]]);
    const noNumber = await run("call-list-notification", { ...values, numberColumn: "mobile" }, rowCall({ phone_number: "+12125550103", name: "Di" }));
    expect(noNumber.events.some((e) => e.type === "forward")).toBe(false);
    expect(reports(noNumber)).toEqual([["error", { delivered: false, reason: "The row has no mobile" }]]);
  });

  it("refuses a caller ID that is not a number under `callerId`, an empty column under `numberColumn`", () => {
    expect(fieldError("call-list-notification", { ...values, callerId: "office" })).toMatchObject({ field: "callerId" });
    expect(fieldError("call-list-notification", { ...values, numberColumn: " " })).toEqual({ field: "numberColumn", message: "Number column is required" });
  });
});

describe("what a person types stays data", () => {
  it("quotes, backslashes, line breaks and script text land in string literals", async () => {
    const hostile = 'Bye"); VoxEngine.terminate(); Logger.write("pwned';
    const s = script("voicemail", { greeting: hostile, maxSeconds: "5" });
    expect(s).toContain(JSON.stringify(hostile));
    const r = await run("voicemail", { greeting: hostile, maxSeconds: "5" }, call({ hangupAfterSeconds: null }));
    expect(r.events.find((e) => e.type === "say")).toMatchObject({ text: hostile });
    expect(r.events.some((e) => e.type === "log" && e.line === "pwned")).toBe(false);
  });
});
