// The VoxEngine subset, as JavaScript that runs INSIDE the sandbox before the scenarios
// (docs/scenarios.md documents every name). It is a discrete-event simulation: a simulated
// clock and a queue of timed tasks; the host advances it one task at a time (`step`) and runs
// the promise jobs in between, so async listeners work. It reaches the host only through the
// one function it is called with (`host(op, json)`), kept in this closure and never put on the
// global object: the scripts see VoxEngine, AppEvents, CallEvents, Logger, Net, setTimeout,
// clearTimeout and the language's own built-ins, nothing else. Nothing here is trusted: a
// script can patch any built-in this code uses, so the host validates every call it receives
// (lib/domains/scenarios/runtime.ts) and owns the record of what happened.
//
// Kept as a string (not a function's toString) so no bundler or compiler rewrites it.
export const PRELUDE = String.raw`(function (hostFn, setupJson) {
  "use strict";
  var parse = JSON.parse, stringify = JSON.stringify, round = Math.round, apply = Reflect.apply;
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
  var primary = null;
  var recordCount = 0;

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
      media: null, recording: null, timers: [], links: [], cause: null, call: null,
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
      var code = plan.result === "busy" ? 486 : plan.result === "invalid" ? 404 : 408;
      var reason = plan.result === "busy" ? "Busy Here" : plan.result === "invalid" ? "Not Found" : "Request Timeout";
      disconnect(st, plan.result === "busy" ? "party" : "runtime", plan.result, true);
      fireCall(st, CallEvents.Failed, { code: code, reason: reason });
    }));
    return st.call;
  }

  function end(by, reason) {
    if (ended) return;
    fire(appListeners, AppEvents.Terminating, { name: AppEvents.Terminating });
    if (ended) return;
    var cause = primary && primary.cause ? primary.cause : { by: by, reason: reason };
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
    customData: function (value) {
      if (value !== undefined) customData = String(value);
      return customData;
    },
  });

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
