// The VoxEngine subset, as JavaScript that runs INSIDE the sandbox before the scenarios
// (docs/scenarios.md documents every name). It is a discrete-event simulation: a simulated
// clock and a queue of timed tasks; the host advances it one task at a time (`step`) and runs
// the promise jobs in between, so async listeners work. It reaches the host only through the
// one function it is called with (`host(op, json)`), kept in this closure and never put on the
// global object: the scripts see VoxEngine, AppEvents, CallEvents, CallList, Logger, Net,
// setTimeout, clearTimeout and the language's own built-ins, nothing else. Nothing here is
// trusted: a script can patch any built-in this code uses, so the host validates every call it
// receives (lib/domains/scenarios/runtime.ts) and owns the record of what happened.
//
// Kept as a string (not a function's toString) so no bundler or compiler rewrites it.
export const PRELUDE = String.raw`(function (hostFn, setupJson) {
  "use strict";
  var parse = JSON.parse, stringify = JSON.stringify, round = Math.round, floor = Math.floor, apply = Reflect.apply, isArray = Array.isArray;
  var host = function (op, arg) {
    var r = hostFn(op, arg === undefined ? "" : stringify(arg));
    return typeof r === "string" && r !== "" ? parse(r) : undefined;
  };
  var setup = parse(setupJson);
  var now = 0, seq = 0, ended = false, customData = String(setup.customData);
  var queue = [];
  var appListeners = {};
  var calls = new WeakMap();
  var liveCalls = [];
  // The session's call: the inbound one, or the first call an outbound scenario places; once that
  // one fails without connecting, the next call placed (a fallback). Its end is the session's cause.
  var primary = null, failedPrimary = null;
  var recordCount = 0;

  // Why a placed leg failed (the host's plan.result), as CallEvents.Failed says it: the SIP code and reason.
  var LEG_FAILED = {
    busy: { code: 486, reason: "Busy Here" },
    invalid: { code: 404, reason: "Not Found" },
    forbidden: { code: 403, reason: "Forbidden" },
    no_answer: { code: 408, reason: "Request Timeout" }
  };

  function t(x) { return round(x * 1000) / 1000; }
  function schedule(delay, fn) {
    var task = { at: t(now + (delay > 0 ? delay : 0)), seq: seq++, fn: fn, cancelled: false };
    var i = queue.length;
    while (i > 0 && queue[i - 1].at > task.at) i--;
    queue.splice(i, 0, task);
    return task;
  }
  function errorInfo(e) {
    if (e && typeof e === "object") return { name: String(e.name), message: String(e.message), stack: String(e.stack || "") };
    return { name: "Error", message: "Uncaught " + String(e), stack: "" };
  }
  function fail(e) { if (!ended) { ended = true; host("error", errorInfo(e)); } }
  function invoke(fn, ev) {
    var r = fn(ev);
    if (r && typeof r.then === "function") r.then(undefined, fail);
  }
  function addListener(map, name, fn, what) {
    if (typeof name !== "string") throw new TypeError(what + ".addEventListener: unknown event " + String(name));
    if (typeof fn !== "function") throw new TypeError(what + ".addEventListener: the listener must be a function");
    (map[name] || (map[name] = [])).push(fn);
  }
  function removeListener(map, name, fn) {
    var list = map[name];
    if (!list) return;
    if (fn === undefined) { map[name] = []; return; }
    var i = list.indexOf(fn);
    if (i >= 0) list.splice(i, 1);
  }
  function fire(map, name, ev) {
    var list = (map[name] || []).slice();
    for (var i = 0; i < list.length; i++) { if (ended) return; invoke(list[i], ev); }
  }

  var AppEvents = Object.freeze({
    Started: "Application.Started",
    CallAlerting: "Application.CallAlerting",
    Terminating: "Application.Terminating",
  });
  var CallEvents = Object.freeze({
    Connected: "Call.Connected",
    Disconnected: "Call.Disconnected",
    Failed: "Call.Failed",
    PlaybackFinished: "Call.PlaybackFinished",
    ToneReceived: "Call.ToneReceived",
    RecordStarted: "Call.RecordStarted",
    RecordStopped: "Call.RecordStopped",
  });

  function state(call) {
    var st = calls.get(call);
    if (!st) throw new TypeError("Not a call object");
    return st;
  }
  function fireCall(st, name, extra) {
    var ev = { name: name, call: st.call };
    if (extra) for (var k in extra) ev[k] = extra[k];
    fire(st.listeners, name, ev);
  }
  function stopMedia(st) {
    if (!st.media) return;
    st.media.finish && (st.media.finish.cancelled = true);
    host("media_stop", { id: st.media.id });
    st.media = null;
  }
  function stopRecord(st) {
    if (!st.recording) return null;
    var rec = st.recording;
    st.recording = null;
    host("rec_stop", { name: rec.name });
    return rec;
  }
  function startTones(st) {
    if (st.tonesStarted || st.state !== "CONNECTED") return;
    st.tonesStarted = true;
    var plan = host("tones", { call: st.id }) || { digits: "", interval: 1 };
    var digits = String(plan.digits);
    for (var i = 0; i < digits.length; i++) {
      (function (d, k) {
        schedule(plan.interval * (k + 1), function () {
          if (st.state !== "CONNECTED") return;
          host("dtmf", { digits: d });
          if (st.tones) fireCall(st, CallEvents.ToneReceived, { tone: d });
        });
      })(digits[i], i);
    }
  }
  // Ends a call: its playback and recording stop, its leg closes, Disconnected fires (unless the
  // whole session is ending). The primary call's end is the session's cause.
  function disconnect(st, by, reason, quiet) {
    if (st.state === "TERMINATED") return;
    var was = st.state;
    stopMedia(st);
    var rec = stopRecord(st);
    st.state = "TERMINATED";
    for (var i = 0; i < st.timers.length; i++) st.timers[i].cancelled = true;
    if (st.legId) host("leg_end", { id: st.legId });
    var k = liveCalls.indexOf(st);
    if (k >= 0) liveCalls.splice(k, 1);
    if (st === primary && !primary.cause) primary.cause = { by: by, reason: reason };
    for (var h = 0; h < st.onEnd.length; h++) st.onEnd[h]();
    if (quiet) return;
    if (rec) schedule(0, function () { fireCall(st, CallEvents.RecordStopped, { url: rec.url, name: rec.name }); });
    schedule(0, function () {
      if (st.legId && was !== "CONNECTED" && by === "party") return;
      fireCall(st, CallEvents.Disconnected, { reason: reason });
    });
    for (var j = 0; j < st.links.length; j++) {
      (function (other) { schedule(0, function () { if (other.state !== "TERMINATED") disconnect(other, "scenario", "scenario"); }); })(st.links[j]);
    }
  }
  function requireConnected(st, what) {
    if (st.state !== "CONNECTED") throw new Error(what + ": the call is not connected (answer it or wait for CallEvents.Connected)");
  }

  function makeCall(kind, number, callerid, legId) {
    var st = {
      id: "call-" + (liveCalls.length + seq + 1), kind: kind, number: number, callerid: callerid, legId: legId,
      state: kind === "inbound" ? "ALERTING" : "PROGRESSING", listeners: {}, tones: false, tonesStarted: false,
      media: null, recording: null, timers: [], links: [], cause: null, call: null, onEnd: [],
    };
    var call = Object.freeze({
      id: function () { return st.id; },
      number: function () { return st.number; },
      callerid: function () { return st.callerid; },
      displayName: function () { return st.callerid; },
      state: function () { return st.state; },
      customData: function () { return customData; },
      addEventListener: function (name, fn) { addListener(st.listeners, name, fn, "call"); },
      removeEventListener: function (name, fn) { removeListener(st.listeners, name, fn); },
      answer: function () {
        if (ended || st.state !== "ALERTING") return;
        st.state = "CONNECTED";
        var plan = host("answer", { call: st.id }) || {};
        for (var i = 0; i < st.timers.length; i++) st.timers[i].cancelled = true;
        st.timers = [];
        schedule(0, function () { if (st.state === "CONNECTED") fireCall(st, CallEvents.Connected); });
        if (typeof plan.hangupAfter === "number") st.timers.push(schedule(plan.hangupAfter, function () { disconnect(st, "party", "party"); }));
        if (st.tones) schedule(0, function () { startTones(st); });
      },
      hangup: function () { if (!ended) disconnect(st, "scenario", "scenario"); },
      reject: function () { if (!ended) disconnect(st, "scenario", "scenario"); },
      say: function (text, voice) {
        if (ended) return;
        requireConnected(st, "say");
        stopMedia(st);
        var r = host("media_start", { kind: "say", text: String(text) });
        var m = { id: r.id, finish: null };
        m.finish = schedule(r.seconds, function () {
          if (st.media !== m) return;
          host("media_stop", { id: m.id });
          st.media = null;
          fireCall(st, CallEvents.PlaybackFinished);
        });
        st.media = m;
      },
      startPlayback: function (url, options) {
        if (ended) return;
        requireConnected(st, "startPlayback");
        stopMedia(st);
        var loop = !!(options && options.loop);
        var r = host("media_start", { kind: "play", url: String(url), loop: loop });
        var m = { id: r.id, finish: null };
        if (!loop) {
          m.finish = schedule(r.seconds, function () {
            if (st.media !== m) return;
            host("media_stop", { id: m.id });
            st.media = null;
            fireCall(st, CallEvents.PlaybackFinished);
          });
        }
        st.media = m;
      },
      stopPlayback: function () { if (!ended) stopMedia(st); },
      record: function (params) {
        if (ended) return;
        requireConnected(st, "record");
        if (st.recording) return;
        recordCount++;
        var name = params && typeof params.name === "string" && params.name ? params.name : "record-" + recordCount;
        var r = host("rec_start", { name: name });
        st.recording = { name: r.name, url: r.url };
        var rec = st.recording;
        schedule(0, function () { fireCall(st, CallEvents.RecordStarted, { url: rec.url, name: rec.name }); });
      },
      stopRecording: function () {
        if (ended) return;
        var rec = stopRecord(st);
        if (rec) schedule(0, function () { fireCall(st, CallEvents.RecordStopped, { url: rec.url, name: rec.name }); });
      },
      handleTones: function (on) {
        if (ended) return;
        st.tones = on !== false;
        if (st.tones) startTones(st);
      },
      sendMediaTo: function (other) { state(other); },
      stopMediaTo: function (other) { state(other); },
    });
    st.call = call;
    calls.set(call, st);
    liveCalls.push(st);
    return st;
  }

  function dial(kind, to, callerid) {
    if (ended) throw new Error("The session has ended");
    var from = callerid === undefined || callerid === null ? "" : String(callerid);
    var plan = host("leg_start", { to: String(to), kind: kind, callerid: from });
    var st = makeCall(kind === "number" ? "pstn" : "user", String(to), from, plan.id);
    if (!primary) primary = st;
    st.timers.push(schedule(plan.after, function () {
      if (st.state !== "PROGRESSING") return;
      if (plan.result === "answer") {
        st.state = "CONNECTED";
        host("leg_answer", { id: st.legId });
        fireCall(st, CallEvents.Connected);
        if (st.tones) startTones(st);
        if (typeof plan.hangupAfter === "number") st.timers.push(schedule(plan.hangupAfter, function () { disconnect(st, "party", "party"); }));
        return;
      }
      var failed = plan.result === "busy" || plan.result === "invalid" || plan.result === "forbidden" ? LEG_FAILED[plan.result] : LEG_FAILED.no_answer;
      disconnect(st, plan.result === "busy" ? "party" : "runtime", plan.result, true);
      if (st === primary && setup.direction !== "inbound") { failedPrimary = primary; primary = null; }
      fireCall(st, CallEvents.Failed, { code: failed.code, reason: failed.reason });
    }));
    return st.call;
  }

  function end(by, reason) {
    if (ended) return;
    fire(appListeners, AppEvents.Terminating, { name: AppEvents.Terminating });
    if (ended) return;
    var first = primary || failedPrimary;
    var cause = first && first.cause ? first.cause : { by: by, reason: reason };
    ended = true;
    queue = [];
    host("end", cause);
  }

  var VoxEngine = Object.freeze({
    addEventListener: function (name, fn) { addListener(appListeners, name, fn, "VoxEngine"); },
    removeEventListener: function (name, fn) { removeListener(appListeners, name, fn); },
    callPSTN: function (number, callerid) { return dial("number", number, callerid); },
    callUser: function (username, callerid) {
      if (username && typeof username === "object") return dial("user", username.username, username.callerid);
      return dial("user", username, callerid);
    },
    sendMediaBetween: function (a, b) { state(a); state(b); },
    easyProcess: function (a, b, onEstablished) {
      var sa = state(a), sb = state(b);
      sa.links.push(sb);
      sb.links.push(sa);
      addListener(sb.listeners, CallEvents.Connected, function () {
        if (sa.state === "ALERTING") a.answer();
        if (typeof onEstablished === "function") onEstablished(a, b);
      }, "call");
      addListener(sb.listeners, CallEvents.Failed, function () { if (sa.state !== "TERMINATED") a.hangup(); }, "call");
    },
    terminate: function () { end("scenario", "scenario"); },
    enqueueTask: function (params) { return enqueueTask(params); },
    customData: function (value) {
      if (value !== undefined) customData = String(value);
      return customData;
    },
  });

  // SmartQueue (require(Modules.SmartQueue)): VoxEngine.enqueueTask puts a call in one of the
  // application's queues; the host picks the agents who can take it (runtime.ts sq_enqueue) and
  // this offers the call to them in turn, as callUser legs, until one answers.
  var Modules = Object.freeze({ SmartQueue: "SmartQueue", CallList: "CallList" });
  var SmartQueueEvents = Object.freeze({
    EnqueueSuccess: "SmartQueue.EnqueueSuccess",
    Waiting: "SmartQueue.Waiting",
    TaskDistributed: "SmartQueue.TaskDistributed",
    OperatorReached: "SmartQueue.OperatorReached",
    ClientDisconnected: "SmartQueue.ClientDisconnected",
    TaskCanceled: "SmartQueue.TaskCanceled",
    Error: "SmartQueue.Error",
  });
  var TERMINATION = ["CANCELED", "CLIENT_TERMINATE", "FAILED", "FINISHED_BY_CLIENT", "FINISHED_BY_OPERATOR", "INTERNAL_ERROR",
    "MAX_QUEUE_SIZE_REACHED", "MAX_WAITING_TIME_REACHED", "MS_NOT_ANSWERED", "NONE", "NORMAL", "OPERATOR_NOT_AVAILABLE",
    "QUEUE_EMPTY", "TIMEOUT_REACHED", "TRANSFERRED"];
  var TerminationStatus = {};
  for (var ts = 0; ts < TERMINATION.length; ts++) TerminationStatus[TERMINATION[ts]] = TERMINATION[ts];
  Object.freeze(TerminationStatus);
  var sqLoaded = false;

  function requireModule(name) {
    if (name === Modules.SmartQueue) {
      if (!sqLoaded) { sqLoaded = true; g.SmartQueueEvents = SmartQueueEvents; g.TerminationStatus = TerminationStatus; }
      return;
    }
    if (name === Modules.CallList) { clLoaded = true; return; }
    throw new Error("require: the module " + String(name) + " is not available in the simulator (Modules.SmartQueue and Modules.CallList are)");
  }
  function isInt(v, min, max) { return typeof v === "number" && floor(v) === v && v >= min && v <= max; }
  function taskSkills(skills) {
    if (skills === undefined) return [];
    if (!isArray(skills) || skills.length > 20) throw new TypeError("VoxEngine.enqueueTask: skills must be an array of at most 20 { name, level }");
    var out = [];
    for (var i = 0; i < skills.length; i++) {
      var s = skills[i];
      if (!s || typeof s.name !== "string" || s.name.trim() === "" || s.name.length > 100) throw new TypeError("VoxEngine.enqueueTask: skills[" + i + "].name must be a skill's name");
      var level = s.level === undefined ? 1 : s.level;
      if (!isInt(level, 1, 5)) throw new RangeError("VoxEngine.enqueueTask: skills[" + i + "].level must be a whole number from 1 to 5, not " + (typeof level === "string" ? stringify(level) : String(level)));
      out.push({ name: s.name, level: level });
    }
    return out;
  }

  function enqueueTask(params) {
    if (!sqLoaded) throw new Error("VoxEngine.enqueueTask: add require(Modules.SmartQueue) to the scenario first");
    if (ended) throw new Error("The session has ended");
    if (!params || typeof params !== "object") throw new TypeError("VoxEngine.enqueueTask: pass the task's parameters: { queue, call, skills?, priority?, timeout? }");
    if (!params.call || !calls.has(params.call)) throw new TypeError("VoxEngine.enqueueTask: call must be the call to queue (e.g. e.call)");
    var client = state(params.call);
    if (client.state === "TERMINATED") throw new Error("VoxEngine.enqueueTask: the call has ended");
    var queue = params.queue;
    if (!(typeof queue === "string" && queue.trim() !== "" && queue.length <= 100) && !isInt(queue, 1, 2147483647)) {
      throw new TypeError("VoxEngine.enqueueTask: queue must be the name or id of one of the application's queues");
    }
    var skills = taskSkills(params.skills);
    var priority = params.priority === undefined ? 50 : params.priority;
    if (!isInt(priority, 1, 100)) throw new RangeError("VoxEngine.enqueueTask: priority must be a whole number from 1 to 100");
    var timeout = params.timeout === undefined ? setup.sqOfferSeconds : params.timeout;
    if (typeof timeout !== "number" || !(timeout >= 1 && timeout <= 600)) throw new RangeError("VoxEngine.enqueueTask: timeout must be a number of seconds from 1 to 600");
    var plan = host("sq_enqueue", { queue: queue, skills: skills, priority: priority });
    var t = { hostId: plan.id, client: client, plan: plan, timeout: timeout, state: "waiting", clientGone: false, offer: null, agent: null, next: 0, timers: [], listeners: {} };
    var task = {};
    Object.defineProperties(task, {
      id: { value: "task-" + plan.id, enumerable: true },
      parameters: { value: params, enumerable: true },
      clientCall: { value: params.call, enumerable: true },
      agentCall: { get: function () { return t.agent ? t.agent.call : null; }, enumerable: true },
      addEventListener: { value: function (name, fn) { addListener(t.listeners, name, fn, "task"); } },
      removeEventListener: { value: function (name, fn) { removeListener(t.listeners, name, fn); } },
      end: {
        value: function (description, status) {
          if (ended || t.state === "over") return;
          var s = status === undefined ? TerminationStatus.CLIENT_TERMINATE : status;
          if (TERMINATION.indexOf(s) < 0) throw new TypeError("task.end: the status must be a TerminationStatus");
          closeTask(t, "ended", s, description === undefined ? "" : String(description).slice(0, 200), false);
        },
      },
    });
    t.task = Object.freeze(task);
    client.onEnd.push(function () {
      if (t.state !== "waiting" || t.clientGone) return;
      t.clientGone = true;
      stopOffer(t);
      schedule(0, function () {
        fireTask(t, SmartQueueEvents.ClientDisconnected, {
          cancel: function () { closeTask(t, "cancelled", TerminationStatus.CLIENT_TERMINATE, "The caller hung up while waiting", true); },
        });
      });
    });
    schedule(0, function () { startTask(t); });
    return t.task;
  }

  function fireTask(t, name, extra) {
    var ev = { name: name, task: t.task };
    if (extra) for (var k in extra) ev[k] = extra[k];
    fire(t.listeners, name, ev);
  }
  function stopOffer(t) {
    var o = t.offer;
    t.offer = null;
    if (o && o.state !== "TERMINATED") disconnect(o, "scenario", "scenario", true);
  }
  // The task is over: what ("cancelled" fires TaskCanceled, "ended" is the scenario's own end()).
  function closeTask(t, what, status, description, fireCancel) {
    if (t.state === "over") return;
    t.state = "over";
    for (var i = 0; i < t.timers.length; i++) t.timers[i].cancelled = true;
    stopOffer(t);
    host("sq_event", { task: t.hostId, what: what, status: status, detail: description });
    if (fireCancel) fireTask(t, SmartQueueEvents.TaskCanceled, { status: status, description: description });
  }
  function startTask(t) {
    var plan = t.plan;
    if (t.state !== "waiting" || t.clientGone) return;
    if (plan.error) {
      t.state = "over";
      fireTask(t, SmartQueueEvents.Error, { type: plan.error.type, description: plan.error.description });
      return;
    }
    if (plan.agents.length === 0 && !plan.hold) {
      closeTask(t, "cancelled", TerminationStatus.OPERATOR_NOT_AVAILABLE, String(plan.why || "No agent of the queue can take the call"), true);
      return;
    }
    fireTask(t, SmartQueueEvents.EnqueueSuccess);
    if (plan.maxWait !== null) {
      t.timers.push(schedule(plan.maxWait, function () {
        if (t.state === "waiting" && !t.clientGone) closeTask(t, "cancelled", TerminationStatus.MAX_WAITING_TIME_REACHED, "The call waited " + plan.maxWait + " s, the queue's longest", true);
      }));
    }
    var tick = function () {
      if (t.state !== "waiting" || t.clientGone) return;
      fireTask(t, SmartQueueEvents.Waiting, plan.agents.length > 0
        ? { position: 1, ewt: t.timeout * 1000, code: "SUCCESS", message: "An agent is being offered the call" }
        : { position: 1, ewt: -1, code: "CANNOT_BE_ESTIMATED", message: "No agent of the queue can take the call" });
      t.timers.push(schedule(setup.sqWaitingEvery, tick));
    };
    t.timers.push(schedule(setup.sqWaitingEvery, tick));
    offerNext(t);
  }
  // Offers the call to the next agent in the host's order: a callUser leg that rings until the
  // task's timeout. Answered: OperatorReached; else the next agent, until setup.sqMaxOffers.
  function offerNext(t) {
    var agents = t.plan.agents;
    if (t.state !== "waiting" || t.clientGone || ended || agents.length === 0) return;
    if (t.next >= agents.length || t.next >= setup.sqMaxOffers) {
      closeTask(t, "cancelled", TerminationStatus.FAILED, "No agent answered", true);
      return;
    }
    var agent = agents[t.next++];
    host("sq_event", { task: t.hostId, what: "distributed", agent: agent.name });
    fireTask(t, SmartQueueEvents.TaskDistributed, { operatorId: agent.id, operatorName: agent.name });
    if (t.state !== "waiting" || t.clientGone || ended) return;
    var o = state(dial("user", agent.name, t.client.callerid));
    t.offer = o;
    var missed = function () {
      if (t.offer !== o) return;
      t.offer = null;
      offerNext(t);
    };
    o.timers.push(schedule(t.timeout, function () {
      if (t.offer !== o || o.state !== "PROGRESSING") return;
      disconnect(o, "runtime", "timeout", true);
      missed();
    }));
    addListener(o.listeners, CallEvents.Failed, missed, "call");
    addListener(o.listeners, CallEvents.Connected, function () {
      if (t.offer !== o || t.state !== "waiting") return;
      t.offer = null;
      t.agent = o;
      t.state = "reached";
      for (var i = 0; i < t.timers.length; i++) t.timers[i].cancelled = true;
      host("sq_event", { task: t.hostId, what: "reached", agent: agent.name });
      fireTask(t, SmartQueueEvents.OperatorReached, { agentCall: o.call });
    }, "call");
  }

  function httpResult(r) {
    return { code: r.code, text: r.text, headers: r.headers, raw_headers: "", error: r.error };
  }
  var Net = Object.freeze({
    httpRequestAsync: function (url, options) {
      if (ended) return new Promise(function () {});
      var o = options || {};
      var r = host("http", { url: String(url), method: String(o.method || "GET").toUpperCase(), body: o.postData === undefined ? "" : String(o.postData) });
      return new Promise(function (resolve) { schedule(r.seconds, function () { resolve(httpResult(r)); }); });
    },
    httpRequest: function (url, callback, options) {
      if (ended) return;
      var o = options || {};
      var r = host("http", { url: String(url), method: String(o.method || "GET").toUpperCase(), body: o.postData === undefined ? "" : String(o.postData) });
      schedule(r.seconds, function () { if (typeof callback === "function") invoke(callback, httpResult(r)); });
    },
  });

  // CallList (require(Modules.CallList)): a call list's scenario reports how its row's call went.
  // reportResult: done, call the row no more; reportError: this attempt failed, the list retries
  // while attempts remain; reportProgress: a note for the log. The host records each report
  // (runtime.ts list_report); the first result or error decides the attempt. The callback (or the
  // Async variant's promise) gets the report's answer a moment later, as Voximplant's does.
  var clLoaded = false;
  var REPORT_ANSWER = { code: 200, text: "", headers: [], raw_headers: "", error: undefined };
  function listReport(kind, what, value) {
    if (!clLoaded) throw new Error("CallList." + what + ": add require(Modules.CallList) to the scenario first");
    if (ended) return null;
    if (typeof value !== "string" && (value === null || typeof value !== "object")) throw new TypeError("CallList." + what + ": pass a string or an object");
    var data = value;
    if (typeof value !== "string") {
      try { data = stringify(value); } catch (e) { throw new TypeError("CallList." + what + ": the object cannot be written as JSON (" + String(e && e.message) + ")"); }
      if (typeof data !== "string") throw new TypeError("CallList." + what + ": the object cannot be written as JSON");
    }
    if (data.length > setup.reportChars) throw new RangeError("CallList." + what + ": the report is longer than " + setup.reportChars + " characters");
    return host("list_report", { kind: kind, data: data });
  }
  function reporter(kind, what) {
    return function (value, callback) {
      var r = listReport(kind, what, value);
      if (r && typeof callback === "function") schedule(r.seconds, function () { invoke(callback, httpResult(REPORT_ANSWER)); });
    };
  }
  function asyncReporter(kind, what) {
    return function (value) {
      var r = listReport(kind, what, value);
      if (!r) return new Promise(function () {});
      return new Promise(function (resolve) { schedule(r.seconds, function () { resolve(httpResult(REPORT_ANSWER)); }); });
    };
  }
  var CallList = Object.freeze({
    reportResult: reporter("result", "reportResult"),
    reportError: reporter("error", "reportError"),
    reportProgress: reporter("progress", "reportProgress"),
    reportResultAsync: asyncReporter("result", "reportResultAsync"),
    reportErrorAsync: asyncReporter("error", "reportErrorAsync"),
    reportProgressAsync: asyncReporter("progress", "reportProgressAsync"),
  });

  var Logger = Object.freeze({ write: function (line) { if (!ended) host("log", { line: String(line) }); } });

  var timers = new Map();
  var timerSeq = 0;
  function setTimeout(fn, ms) {
    if (typeof fn !== "function") throw new TypeError("setTimeout: the callback must be a function");
    var args = Array.prototype.slice.call(arguments, 2);
    var id = ++timerSeq;
    timers.set(id, schedule((Number(ms) || 0) / 1000, function () { timers.delete(id); apply(fn, undefined, args); }));
    return id;
  }
  function clearTimeout(id) {
    var task = timers.get(id);
    if (task) { task.cancelled = true; timers.delete(id); }
  }

  // The real clock does not reach the scripts: Date and Math.random follow the simulation.
  var RealDate = Date;
  var startMs = Number(setup.startMs);
  function simMs() { return startMs + round(now * 1000); }
  function SimDate() {
    if (!new.target) return new RealDate(simMs()).toString();
    return arguments.length === 0 ? new RealDate(simMs()) : Reflect.construct(RealDate, Array.prototype.slice.call(arguments));
  }
  SimDate.prototype = RealDate.prototype;
  SimDate.now = simMs;
  SimDate.UTC = RealDate.UTC;
  SimDate.parse = RealDate.parse;
  Object.defineProperty(RealDate.prototype, "constructor", { value: SimDate, writable: true, configurable: true });
  RealDate.now = simMs;
  Math.random = function () { return host("random"); };

  var g = globalThis;
  g.Date = SimDate;
  g.VoxEngine = VoxEngine;
  g.AppEvents = AppEvents;
  g.CallEvents = CallEvents;
  g.Logger = Logger;
  g.Net = Net;
  g.Modules = Modules;
  g.CallList = CallList;
  g.require = requireModule;
  g.setTimeout = setTimeout;
  g.clearTimeout = clearTimeout;

  function start() {
    schedule(0, function () { fire(appListeners, AppEvents.Started, { name: AppEvents.Started, customData: customData, sessionId: 1 }); });
    if (setup.direction === "inbound") {
      var st = makeCall("inbound", String(setup.to), String(setup.from), null);
      primary = st;
      schedule(0, function () {
        fire(appListeners, AppEvents.CallAlerting, {
          name: AppEvents.CallAlerting, call: st.call, callerid: String(setup.from), destination: String(setup.to),
          displayName: String(setup.from), customData: customData,
        });
      });
      st.timers.push(schedule(setup.ringTimeout, function () { if (st.state === "ALERTING") disconnect(st, "party", "no_answer"); }));
    }
  }

  // One task of the simulation: 1 when it ran one, 0 when the session is over.
  function step() {
    if (ended) return 0;
    var task;
    while ((task = queue.shift()) && task.cancelled) {}
    if (!task) {
      if (liveCalls.length > 0) { now = setup.maxSeconds; host("clock", { at: now }); end("runtime", "max_duration"); }
      else end("runtime", "idle");
      return 0;
    }
    if (task.at > setup.maxSeconds) {
      now = setup.maxSeconds;
      host("clock", { at: now });
      for (var i = liveCalls.length - 1; i >= 0; i--) disconnect(liveCalls[i], "runtime", "max_duration", true);
      end("runtime", "max_duration");
      return 0;
    }
    if (task.at !== now) { now = task.at; host("clock", { at: now }); }
    try { task.fn(); } catch (e) { fail(e); return 0; }
    return ended ? 0 : 1;
  }

  return { start: start, step: step };
})`;
