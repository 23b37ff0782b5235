// The Marketplace's scenario templates (docs/PRODUCT.md section 9, `/marketplace`): ready-made
// VoxEngine scenarios an account owner installs into one of its applications, with a routing rule
// when asked. Each template declares its fields (the install form draws them; the server parses
// them with the same schema) and renders a script from them. Every value reaches the script
// through JSON.stringify, so no text a person types can change the code around it. The scripts
// use only the VoxEngine subset the sandbox provides (lib/domains/scenarios/prelude.ts); the tests
// run every template in it.
//
// Server side: the page hands the client only the plain TemplateCard (templateCards()).
import { z } from "zod";
import { issue, parseInput, safeText, ZE164 } from "@/lib/core/validate";
import { toE164 } from "@/lib/core/phone";
import { APP_USER_NAME_RE, ZAppUserName } from "@/lib/domains/app-users/schemas";

/** One input of a template's install form. `choice` offers `options` (value, label). */
export type TemplateField = {
  name: string;
  label: string;
  help: string;
  /** sq_queue: a queue of the chosen application (the form offers its queues); sq_skills: its skills, one per line (the form names them). */
  input: "e164" | "username" | "text" | "textarea" | "number" | "time" | "choice" | "sq_queue" | "sq_skills";
  defaultValue: string;
  options?: readonly { value: string; label: string }[];
  /** For `number`: the bounds, in the field's unit (seconds). */
  min?: number;
  max?: number;
};

/** What the catalogue shows of a template, and what the install form needs: plain data. */
export type TemplateCard = {
  id: TemplateId;
  title: string;
  category: "Call routing" | "Voicemail" | "IVR" | "Contact center" | "Call lists";
  summary: string;
  /** What the scenario does, one sentence each. */
  steps: readonly string[];
  fields: readonly TemplateField[];
  /** The scenario name offered by default. */
  scenarioName: string;
  /**
   * The install form's routing rule, where a template's calls are not routed by the dialled
   * number (a call list runs the rule it is given): its pattern, its place and why. Absent: `.*`, first.
   */
  rule?: { pattern: string; first: boolean; hint: string };
};

type Template<S extends z.ZodType> = TemplateCard & {
  schema: S;
  /** The scenario's text for parsed values. */
  render: (v: z.output<S>) => string;
  /** The users of the application the script calls, and the field that names them (the install checks they exist). */
  usersCalled?: { field: string; names: (v: z.output<S>) => string[] };
  /** The SmartQueue queue and skills of the application the script uses, and the fields that name them (the install checks they exist). */
  smartQueueUsed?: { queueField: string; queue: (v: z.output<S>) => string; skillsField: string; skills: (v: z.output<S>) => string[] };
  /** The caller ID the script shows on the telephone network, and its field (the install checks the account may show it). */
  callerIdUsed?: { field: string; number: (v: z.output<S>) => string };
};

const define = <S extends z.ZodType>(t: Template<S>) => t;

/** A spoken message: one line of safe text, 1..500 characters. */
const message = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .superRefine((v, ctx) => {
      if (v.length === 0) return issue(ctx, `${label} is required`);
      if (v.length > 500) return issue(ctx, `${label} must be at most 500 characters`);
      safeText(label)(v, ctx);
    });

/** Whole seconds within [min, max], from a form's text or the API's number. */
const seconds = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number of seconds` })
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, `${label} must be a whole number of seconds from ${min} to ${max}`);

/** "HH:MM" (24-hour clock) as minutes after midnight. */
const clockTime = (label: string) =>
  z.string({ error: `${label} is required` }).transform((v, ctx) => {
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(v.trim());
    if (!m) {
      issue(ctx, `${label} must be a time of day such as 09:00`);
      return z.NEVER;
    }
    return Number(m[1]) * 60 + Number(m[2]);
  });

const js = (v: unknown) => JSON.stringify(v);

/** The lines every template starts with: what it is, and that the install wrote it. */
const header = (title: string, lines: string[]) => [`// ${title} (installed from the Marketplace).`, ...lines.map((l) => `// ${l}`)].join("\n");

/**
 * The caller ID a forwarded call shows (docs/scenarios.md, callPSTN): the account's number the
 * caller dialled (e.destination, the default), or the caller's own number (e.callerid), which the
 * network allows for a forwarded inbound call so the person rung sees who is calling.
 */
const FORWARD_CALLER_ID_OPTIONS = { dialled: "The number the caller dialled (yours)", caller: "The caller's own number" } as const;
type ForwardCallerId = keyof typeof FORWARD_CALLER_ID_OPTIONS;

const forwardCallerIdField: TemplateField = {
  name: "forwardCallerId",
  label: "Caller ID shown",
  help: "What the phone you forward to shows as the caller.",
  input: "choice",
  defaultValue: "dialled",
  options: Object.entries(FORWARD_CALLER_ID_OPTIONS).map(([value, label]) => ({ value, label })),
};

const ZForwardCallerId = z.enum(Object.keys(FORWARD_CALLER_ID_OPTIONS) as [ForwardCallerId, ...ForwardCallerId[]], { error: "Choose the caller ID shown" }).default("dialled");

/** The script's expression for the caller ID a forward shows. */
const forwardCallerIdExpression = (v: ForwardCallerId) => (v === "caller" ? "e.callerid" : "e.destination");

// ---------------------------------------------------------------------------------------------

const forwardToNumber = define({
  id: "forward-to-number",
  title: "Forward to a phone number",
  category: "Call routing",
  summary: "Every call to the application rings one phone number, such as a mobile or an office line.",
  steps: ["Rings the number, showing as the caller ID the number the caller dialled, or the caller's own.", "Connects the caller when it answers; the call ends when either side hangs up."],
  scenarioName: "forward-to-number",
  fields: [{ name: "number", label: "Forward to", help: "In international format, e.g. +14155550123.", input: "e164", defaultValue: "" }, forwardCallerIdField],
  schema: z.object({ number: ZE164, forwardCallerId: ZForwardCallerId }),
  render: (v) => `${header("Forward to a phone number", [`Rings ${v.number}; the caller hears it ring and is connected when it answers.`])}
const FORWARD_TO = ${js(v.number)};

VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  Logger.write("Forwarding " + e.callerid + " to " + FORWARD_TO);
  const out = VoxEngine.callPSTN(FORWARD_TO, ${forwardCallerIdExpression(v.forwardCallerId)});
  VoxEngine.easyProcess(e.call, out);
  out.addEventListener(CallEvents.Failed, (ev) => { Logger.write("The forward to " + FORWARD_TO + " failed: " + ev.code + " " + ev.reason); VoxEngine.terminate(); });
  out.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  e.call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
});
`,
});

/** The voicemail part two templates share: greet, beep, record up to MAX_SECONDS, thank, hang up. */
const VOICEMAIL_FUNCTION = `function voicemail(call, greeting, maxSeconds) {
  let stage = "greeting";
  call.addEventListener(CallEvents.PlaybackFinished, () => {
    if (stage === "greeting") {
      stage = "recording";
      call.record({ name: "voicemail" });
      setTimeout(() => {
        stage = "goodbye";
        call.stopRecording();
        call.say("Thank you. Goodbye!");
      }, maxSeconds * 1000);
    } else if (stage === "goodbye") {
      call.hangup();
      VoxEngine.terminate();
    }
  });
  call.say(greeting);
}`;

const voicemail = define({
  id: "voicemail",
  title: "Voicemail",
  category: "Voicemail",
  summary: "Answers every call with a greeting and records the caller's message; recordings appear in Call history.",
  steps: ["Answers and plays your greeting.", "Records the caller for up to the time you set, then thanks them and hangs up."],
  scenarioName: "voicemail",
  fields: [
    { name: "greeting", label: "Greeting", help: "Read out to the caller before the recording starts.", input: "textarea", defaultValue: "Sorry, we cannot take your call right now. Please leave a message after the tone." },
    { name: "maxSeconds", label: "Longest message (seconds)", help: "From 5 to 300.", input: "number", defaultValue: "60", min: 5, max: 300 },
  ],
  schema: z.object({ greeting: message("Greeting"), maxSeconds: seconds("Longest message", 5, 300) }),
  render: (v) => `${header("Voicemail", [`Greets the caller and records a message of up to ${v.maxSeconds} seconds.`])}
const GREETING = ${js(v.greeting)};
const MAX_SECONDS = ${v.maxSeconds};

${VOICEMAIL_FUNCTION}

VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  const call = e.call;
  call.addEventListener(CallEvents.Connected, () => voicemail(call, GREETING, MAX_SECONDS));
  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  call.answer();
});
`,
});

const ringUser = define({
  id: "ring-user",
  title: "Ring a user, then voicemail",
  category: "Voicemail",
  summary: "Rings one of the application's users (an SDK app or a SIP phone); when nobody answers, the caller leaves a message.",
  steps: [
    "Rings the user for up to the time you set, showing the caller's number.",
    "Connects the caller when the user answers.",
    "Otherwise answers, plays your greeting and records a message.",
  ],
  scenarioName: "ring-user",
  fields: [
    { name: "username", label: "User to ring", help: "A user of the application you install into.", input: "username", defaultValue: "" },
    { name: "ringSeconds", label: "Ring for (seconds)", help: "From 5 to 60, then voicemail.", input: "number", defaultValue: "20", min: 5, max: 60 },
    { name: "greeting", label: "Voicemail greeting", help: "Read out when the user does not answer.", input: "textarea", defaultValue: "Nobody is available to take your call. Please leave a message after the tone." },
    { name: "maxSeconds", label: "Longest message (seconds)", help: "From 5 to 300.", input: "number", defaultValue: "60", min: 5, max: 300 },
  ],
  schema: z.object({ username: ZAppUserName, ringSeconds: seconds("Ring for", 5, 60), greeting: message("Voicemail greeting"), maxSeconds: seconds("Longest message", 5, 300) }),
  usersCalled: { field: "username", names: (v) => [v.username] },
  render: (v) => `${header("Ring a user, then voicemail", [`Rings ${v.username} for ${v.ringSeconds} seconds; if nobody answers, records a message of up to ${v.maxSeconds} seconds.`])}
const USERNAME = ${js(v.username)};
const RING_SECONDS = ${v.ringSeconds};
const GREETING = ${js(v.greeting)};
const MAX_SECONDS = ${v.maxSeconds};

${VOICEMAIL_FUNCTION}

VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  const call = e.call;
  let toVoicemail = false;
  const user = VoxEngine.callUser(USERNAME, e.callerid);
  const giveUp = setTimeout(() => {
    Logger.write(USERNAME + " did not answer in " + RING_SECONDS + " s: voicemail");
    toVoicemail = true;
    user.hangup();
    call.answer();
  }, RING_SECONDS * 1000);
  user.addEventListener(CallEvents.Connected, () => {
    clearTimeout(giveUp);
    VoxEngine.sendMediaBetween(call, user);
    call.answer();
  });
  user.addEventListener(CallEvents.Failed, (ev) => {
    if (toVoicemail) return;
    clearTimeout(giveUp);
    Logger.write(USERNAME + " is unavailable (" + ev.code + "): voicemail");
    toVoicemail = true;
    call.answer();
  });
  user.addEventListener(CallEvents.Disconnected, () => {
    if (!toVoicemail) VoxEngine.terminate();
  });
  call.addEventListener(CallEvents.Connected, () => {
    if (toVoicemail) voicemail(call, GREETING, MAX_SECONDS);
  });
  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
});
`,
});

/** One menu entry: the key, and where it leads (an E.164 number or a user of the application). */
export type MenuOption = { key: string; kind: "number" | "user"; to: string };

/**
 * The IVR menu's options, one per line: a key (0-9, * or #), a space, then an E.164 number or a
 * user name; blank lines are skipped. 1..10 options, each key once.
 */
const menuOptions = z.string({ error: "Menu options are required" }).transform((text, ctx): MenuOption[] => {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) {
    issue(ctx, "Add at least one option: a key, a space, then a phone number or a user name");
    return z.NEVER;
  }
  if (lines.length > 10) {
    issue(ctx, "A menu has at most 10 options");
    return z.NEVER;
  }
  const options: MenuOption[] = [];
  for (const [i, line] of lines.entries()) {
    const m = /^([0-9*#])\s+(\S+)$/.exec(line);
    const number = m ? toE164(m[2]!) : null;
    const user = m && !number && APP_USER_NAME_RE.test(m[2]!.toLowerCase()) ? m[2]!.toLowerCase() : null;
    if (!m || (!number && !user)) {
      issue(ctx, `Line ${i + 1}: write a key (0-9, * or #), a space, then a phone number such as +14155550123 or a user name`);
      return z.NEVER;
    }
    if (options.some((o) => o.key === m[1])) {
      issue(ctx, `Line ${i + 1}: key ${m[1]} is already used`);
      return z.NEVER;
    }
    options.push(number ? { key: m[1]!, kind: "number", to: number } : { key: m[1]!, kind: "user", to: user! });
  }
  return options;
});

const ivrMenu = define({
  id: "ivr-menu",
  title: "IVR menu",
  category: "IVR",
  summary: "Greets the caller with a menu (\"press 1 for sales…\") and connects them to the number or user behind the key they press.",
  steps: [
    "Answers and reads your menu prompt, listening for keys.",
    "Connects the caller to the option's phone number or user.",
    "Reads the prompt again after 8 seconds of silence, then says goodbye and hangs up.",
  ],
  scenarioName: "ivr-menu",
  fields: [
    { name: "prompt", label: "Menu prompt", help: "Read out when the call is answered.", input: "textarea", defaultValue: "Thank you for calling. For sales, press 1. For support, press 2." },
    {
      name: "options",
      label: "Options",
      help: "One per line: a key, a space, then a phone number or a user of the application, e.g. 1 +14155550123.",
      input: "textarea",
      defaultValue: "",
    },
  ],
  schema: z.object({ prompt: message("Menu prompt"), options: menuOptions }),
  usersCalled: { field: "options", names: (v) => v.options.filter((o) => o.kind === "user").map((o) => o.to) },
  render: (v) => `${header("IVR menu", v.options.map((o) => `Key ${o.key}: ${o.kind === "number" ? "number" : "user"} ${o.to}`))}
const PROMPT = ${js(v.prompt)};
const MENU = ${js(Object.fromEntries(v.options.map((o) => [o.key, { kind: o.kind, to: o.to }])))};
const SILENCE_SECONDS = 8;

VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  const call = e.call;
  let stage = "menu";
  let prompts = 0;
  let silence = null;
  const prompt = () => {
    prompts += 1;
    call.say(PROMPT);
  };
  call.addEventListener(CallEvents.Connected, () => {
    call.handleTones(true);
    prompt();
  });
  call.addEventListener(CallEvents.PlaybackFinished, () => {
    if (stage === "goodbye") {
      call.hangup();
      VoxEngine.terminate();
    }
    if (stage !== "menu") return;
    silence = setTimeout(() => {
      if (stage !== "menu") return;
      if (prompts < 2) return prompt();
      stage = "goodbye";
      call.say("Goodbye!");
    }, SILENCE_SECONDS * 1000);
  });
  call.addEventListener(CallEvents.ToneReceived, (ev) => {
    const option = MENU[ev.tone];
    if (stage !== "menu" || !option) return;
    stage = "connecting";
    clearTimeout(silence);
    call.stopPlayback();
    Logger.write("Key " + ev.tone + ": " + option.to);
    const out = option.kind === "number" ? VoxEngine.callPSTN(option.to, e.destination) : VoxEngine.callUser(option.to, e.callerid);
    VoxEngine.easyProcess(call, out);
    out.addEventListener(CallEvents.Failed, (ev) => { Logger.write("The call to " + option.to + " failed: " + ev.code + " " + ev.reason); VoxEngine.terminate(); });
    out.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  });
  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  call.answer();
});
`,
});

const OPEN_DAYS = {
  "mon-fri": { label: "Monday to Friday", days: [1, 2, 3, 4, 5] },
  "mon-sat": { label: "Monday to Saturday", days: [1, 2, 3, 4, 5, 6] },
  "every-day": { label: "Every day", days: [0, 1, 2, 3, 4, 5, 6] },
} as const;
type OpenDays = keyof typeof OPEN_DAYS;

/** UTC offsets from -12:00 to +14:00 in half hours, as "+HH:MM" (the minutes the sandbox's clock is shifted by). */
const UTC_OFFSETS = Array.from({ length: 53 }, (_, i) => (i - 24) * 30).map((minutes) => {
  const a = Math.abs(minutes);
  const text = `${minutes < 0 ? "-" : "+"}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
  return { value: text, label: `UTC${text}`, minutes };
});

const businessHours = define({
  id: "business-hours",
  title: "Business hours",
  category: "Call routing",
  summary: "During opening hours calls ring a phone number; outside them the caller hears a closed message.",
  steps: [
    "Reads the time in the time zone you choose (a fixed UTC offset; daylight saving time is not followed).",
    "Open: rings the number and connects the caller.",
    "Closed: answers, plays the closed message and hangs up.",
  ],
  scenarioName: "business-hours",
  fields: [
    { name: "number", label: "Forward to while open", help: "In international format, e.g. +14155550123.", input: "e164", defaultValue: "" },
    { name: "days", label: "Open on", help: "", input: "choice", defaultValue: "mon-fri", options: Object.entries(OPEN_DAYS).map(([value, d]) => ({ value, label: d.label })) },
    { name: "opens", label: "Opens at", help: "", input: "time", defaultValue: "09:00" },
    { name: "closes", label: "Closes at", help: "Later than the opening time, the same day.", input: "time", defaultValue: "18:00" },
    { name: "utcOffset", label: "Time zone", help: "The offset from UTC the hours are in.", input: "choice", defaultValue: "+00:00", options: UTC_OFFSETS.map(({ value, label }) => ({ value, label })) },
    { name: "closedMessage", label: "Closed message", help: "Read out outside opening hours.", input: "textarea", defaultValue: "We are closed right now. Please call again during our opening hours." },
    forwardCallerIdField,
  ],
  schema: z
    .object({
      number: ZE164,
      days: z.enum(Object.keys(OPEN_DAYS) as [OpenDays, ...OpenDays[]], { error: "Choose the days you are open" }),
      opens: clockTime("Opening time"),
      closes: clockTime("Closing time"),
      utcOffset: z.enum(UTC_OFFSETS.map((o) => o.value) as [string, ...string[]], { error: "Choose a time zone" }),
      closedMessage: message("Closed message"),
      forwardCallerId: ZForwardCallerId,
    })
    .refine((v) => v.closes > v.opens, { message: "The closing time must be later than the opening time", path: ["closes"] }),
  render: (v) => `${header("Business hours", [`Open ${OPEN_DAYS[v.days].label}, ${hhmm(v.opens)}-${hhmm(v.closes)} UTC${v.utcOffset}; calls while open ring ${v.number}.`])}
const FORWARD_TO = ${js(v.number)};
const OPEN_DAYS = ${js(OPEN_DAYS[v.days].days)}; // 0 = Sunday
const OPENS = ${v.opens}; // minutes after midnight
const CLOSES = ${v.closes};
const UTC_OFFSET_MINUTES = ${UTC_OFFSETS.find((o) => o.value === v.utcOffset)!.minutes};
const CLOSED_MESSAGE = ${js(v.closedMessage)};

function isOpen() {
  const local = new Date(Date.now() + UTC_OFFSET_MINUTES * 60000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  return OPEN_DAYS.indexOf(local.getUTCDay()) >= 0 && minute >= OPENS && minute < CLOSES;
}

VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  const call = e.call;
  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  if (isOpen()) {
    Logger.write("Open: forwarding to " + FORWARD_TO);
    const out = VoxEngine.callPSTN(FORWARD_TO, ${forwardCallerIdExpression(v.forwardCallerId)});
    VoxEngine.easyProcess(call, out);
    out.addEventListener(CallEvents.Failed, (ev) => { Logger.write("The forward to " + FORWARD_TO + " failed: " + ev.code + " " + ev.reason); VoxEngine.terminate(); });
    out.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
    return;
  }
  Logger.write("Closed: playing the closed message");
  call.addEventListener(CallEvents.Connected, () => call.say(CLOSED_MESSAGE));
  call.addEventListener(CallEvents.PlaybackFinished, () => {
    call.hangup();
    VoxEngine.terminate();
  });
  call.answer();
});
`,
});

/** A task's required skill: the skill's name, and the lowest level an agent needs (1..5). */
export type RequiredSkill = { name: string; level: number };

/**
 * The queue template's required skills, one per line: a skill's name, optionally followed by a
 * space and the lowest level 1..5 (1 when left out), e.g. "English 3"; blank lines are skipped.
 * At most 5 skills, each once (ignoring case). A name that ends in a number needs its
 * level written after it ("Tier 2 1"), since a trailing number is read as the level.
 */
const requiredSkills = z.string().default("").transform((text, ctx): RequiredSkill[] => {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > 5) {
    issue(ctx, "Require at most 5 skills");
    return z.NEVER;
  }
  const skills: RequiredSkill[] = [];
  for (const [i, line] of lines.entries()) {
    // A trailing number is the level, so a name ending in a number needs its level after it ("Tier 2 1").
    if (line.includes(",")) {
      issue(ctx, `Line ${i + 1}: one skill per line, e.g. English 3 on one line and Spanish 2 on the next`);
      return z.NEVER;
    }
    const m = /^(.{1,100}?)(?:\s+(\d+))?$/.exec(line);
    if (!m || /[\u0000-\u001f]/.test(m[1]!) || (m[2] !== undefined && !/^[1-5]$/.test(m[2]))) {
      issue(ctx, `Line ${i + 1}: write a skill's name, then optionally a space and its lowest level from 1 to 5, e.g. English 3`);
      return z.NEVER;
    }
    if (skills.some((s) => s.name.toLowerCase() === m[1]!.toLowerCase())) {
      issue(ctx, `Line ${i + 1}: ${m[1]} is already required`);
      return z.NEVER;
    }
    skills.push({ name: m[1]!, level: m[2] ? Number(m[2]) : 1 });
  }
  return skills;
});

/** A required one-line name of at most 100 characters: a queue's, a call list file's column. */
const shortName = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(100, `${label} must be at most 100 characters`)
    .superRefine(safeText(label));

const queueToAgents = define({
  id: "queue-to-agents",
  title: "Queue to agents",
  category: "Contact center",
  summary: "Puts every call in one of the application's SmartQueue queues, which rings its best-suited agent; when none can take it, the caller hears your apology.",
  steps: [
    "Answers, reads your welcome and puts the call in the queue, with the skills you require.",
    "The queue rings its agents in its own order (most qualified first, by default), each for the time you set, and connects the first who answers.",
    "When no agent can take the call, or none answers, reads your apology and hangs up.",
  ],
  scenarioName: "queue-to-agents",
  fields: [
    { name: "queue", label: "Queue", help: "One of the application's queues (its Queues tab).", input: "sq_queue", defaultValue: "" },
    { name: "skills", label: "Required skills (optional)", help: "One per line: a skill's name, then optionally its lowest level 1-5, e.g. English 3.", input: "sq_skills", defaultValue: "" },
    { name: "offerSeconds", label: "Ring each agent for (seconds)", help: "From 5 to 120, then the next agent.", input: "number", defaultValue: "30", min: 5, max: 120 },
    { name: "welcome", label: "Welcome", help: "Read out while the queue finds an agent.", input: "textarea", defaultValue: "Thank you for calling. Please hold while we connect you to an agent." },
    { name: "apology", label: "Apology", help: "Read out when no agent takes the call.", input: "textarea", defaultValue: "All our agents are busy right now. Please call again later." },
  ],
  schema: z.object({
    queue: shortName("Queue"),
    skills: requiredSkills,
    offerSeconds: seconds("Ring each agent for", 5, 120),
    welcome: message("Welcome"),
    apology: message("Apology"),
  }),
  smartQueueUsed: { queueField: "queue", queue: (v) => v.queue, skillsField: "skills", skills: (v) => v.skills.map((s) => s.name) },
  render: (v) => `${header("Queue to agents", [
    `Queues every call in ${v.queue}${v.skills.length ? ` for agents with ${v.skills.map((s) => `${s.name} ${s.level}+`).join(", ")}` : ""}; each agent rings for ${v.offerSeconds} seconds.`,
  ])}
require(Modules.SmartQueue);

const QUEUE = ${js(v.queue)};
const SKILLS = ${js(v.skills)};
const OFFER_SECONDS = ${v.offerSeconds};
const WELCOME = ${js(v.welcome)};
const APOLOGY = ${js(v.apology)};

VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  const call = e.call;
  let stage = "waiting";
  const apologise = () => {
    if (stage !== "waiting") return;
    stage = "apology";
    call.say(APOLOGY);
  };
  call.addEventListener(CallEvents.Connected, () => {
    call.say(WELCOME);
    const task = VoxEngine.enqueueTask({ call: call, queue: QUEUE, skills: SKILLS, timeout: OFFER_SECONDS });
    task.addEventListener(SmartQueueEvents.OperatorReached, (ev) => {
      stage = "connected";
      call.stopPlayback();
      Logger.write("Connected to " + ev.agentCall.number());
      VoxEngine.sendMediaBetween(call, ev.agentCall);
      ev.agentCall.addEventListener(CallEvents.Disconnected, () => {
        call.hangup();
        VoxEngine.terminate();
      });
    });
    task.addEventListener(SmartQueueEvents.TaskCanceled, (ev) => {
      Logger.write("No agent took the call: " + ev.status);
      apologise();
    });
    task.addEventListener(SmartQueueEvents.Error, (ev) => {
      Logger.write("Queue error: " + ev.description);
      apologise();
    });
    task.addEventListener(SmartQueueEvents.ClientDisconnected, (ev) => ev.cancel());
  });
  call.addEventListener(CallEvents.PlaybackFinished, () => {
    if (stage !== "apology") return;
    call.hangup();
    VoxEngine.terminate();
  });
  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  call.answer();
});
`,
});

const callListNotification = define({
  id: "call-list-notification",
  title: "Call list: spoken notification",
  category: "Call lists",
  summary: "For a call list (its Call lists tab): calls each row's number and reads your message, filled in from the row's columns; each row's result is reported to the list.",
  steps: [
    "Calls the number in the row's column you name, showing your caller ID.",
    "When answered, reads your message, with {column} replaced by the row's value, e.g. {name}.",
    "Reports the row done once the whole message was heard; a call not answered, busy, or hung up early is reported as an error, so the list tries the row again while it has attempts left.",
  ],
  scenarioName: "call-list-notification",
  rule: {
    pattern: "^call-list-notification$",
    first: false,
    hint: "A call list runs the rule you choose for it, whatever its pattern. This one matches no number anyone dials, so incoming calls never reach the scenario.",
  },
  fields: [
    { name: "callerId", label: "Caller ID", help: "The number the people called see: one of the account's numbers or a verified caller ID.", input: "e164", defaultValue: "" },
    { name: "numberColumn", label: "Number column", help: "The column of the list's file that holds the number to call.", input: "text", defaultValue: "phone_number" },
    { name: "message", label: "Message", help: "Read out when the call is answered. {column} is replaced by the row's value in that column.", input: "textarea", defaultValue: "Hello {name}. Your order has shipped and arrives tomorrow. Thank you!" },
  ],
  schema: z.object({ callerId: ZE164, numberColumn: shortName("Number column"), message: message("Message") }),
  callerIdUsed: { field: "callerId", number: (v) => v.callerId },
  render: (v) => `${header("Call list: spoken notification", [`Calls each row's ${v.numberColumn} from ${v.callerId}, reads the message and reports the row's result.`])}
require(Modules.CallList);

const CALLER_ID = ${js(v.callerId)};
const NUMBER_COLUMN = ${js(v.numberColumn)};
const MESSAGE = ${js(v.message)};

VoxEngine.addEventListener(AppEvents.Started, () => {
  let row = {};
  try {
    row = JSON.parse(VoxEngine.customData() || "{}");
  } catch (e) {
    Logger.write("The custom data is not a call list row: " + e.message);
  }
  const number = row[NUMBER_COLUMN];
  let reported = false;
  const report = (how, what) => {
    if (reported) return;
    reported = true;
    how(what, () => VoxEngine.terminate());
  };
  if (!number) return report(CallList.reportError, { delivered: false, reason: "The row has no " + NUMBER_COLUMN });
  const text = MESSAGE.replace(/\\{([^{}]+)\\}/g, (all, column) => (column in row ? String(row[column]) : all));
  const call = VoxEngine.callPSTN(number, CALLER_ID);
  call.addEventListener(CallEvents.Connected, () => call.say(text));
  call.addEventListener(CallEvents.PlaybackFinished, () => {
    Logger.write("Message delivered to " + number);
    call.hangup();
    report(CallList.reportResult, { delivered: true });
  });
  call.addEventListener(CallEvents.Failed, (e) => report(CallList.reportError, { delivered: false, reason: e.code + " " + e.reason }));
  call.addEventListener(CallEvents.Disconnected, () => report(CallList.reportError, { delivered: false, reason: "Hung up before the end of the message" }));
});
`,
});

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Every template, in the catalogue's order. */
export const TEMPLATES = [forwardToNumber, businessHours, ivrMenu, voicemail, ringUser, queueToAgents, callListNotification] as const;
export type TemplateId = "forward-to-number" | "business-hours" | "ivr-menu" | "voicemail" | "ring-user" | "queue-to-agents" | "call-list-notification";

type AnyTemplate = (typeof TEMPLATES)[number];

/** The template with this id, or undefined. */
export function findTemplate(id: string): AnyTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** The catalogue as plain data, for client components. */
export function templateCards(): TemplateCard[] {
  return TEMPLATES.map((t) => ({
    id: t.id,
    title: t.title,
    category: t.category,
    summary: t.summary,
    steps: t.steps,
    fields: t.fields,
    scenarioName: t.scenarioName,
    ...("rule" in t ? { rule: t.rule } : {}),
  }));
}

/** What a rendered script names of the application, with the form's field that named it: the install checks each exists. */
export type RenderedTemplate = {
  script: string;
  /** The users the script calls (null: none). */
  usersCalled: { field: string; names: string[] } | null;
  /** The SmartQueue queue and skills the script enqueues with (null: it does not enqueue). */
  smartQueueUsed: { queueField: string; queue: string; skillsField: string; skills: string[] } | null;
  /** The caller ID the script shows (null: it shows the caller's or the dialled number). */
  callerIdUsed: { field: string; number: string } | null;
};

/**
 * The template's values parsed, its script, and what the script names of the application (see
 * RenderedTemplate). Throws INVALID_INPUT naming the template's field (e.g. `number`, `closes`).
 */
export function renderTemplate(t: AnyTemplate, values: unknown): RenderedTemplate {
  // Each template's schema and render agree by construction (define()); the union loses that link.
  const tpl = t as unknown as Template<z.ZodType>;
  const parsed = parseInput(tpl.schema, values);
  const sq = tpl.smartQueueUsed;
  return {
    script: tpl.render(parsed),
    usersCalled: tpl.usersCalled ? { field: tpl.usersCalled.field, names: tpl.usersCalled.names(parsed) } : null,
    smartQueueUsed: sq ? { queueField: sq.queueField, queue: sq.queue(parsed), skillsField: sq.skillsField, skills: sq.skills(parsed) } : null,
    callerIdUsed: tpl.callerIdUsed ? { field: tpl.callerIdUsed.field, number: tpl.callerIdUsed.number(parsed) } : null,
  };
}
