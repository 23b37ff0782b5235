import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditSentence, PHRASED_ACTIONS } from "./sentences";

const ROOT = path.resolve(import.meta.dirname, "../../..");

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== "generated") yield* sources(full);
    } else if (/\.ts$/.test(entry) && !/\.test\.ts$/.test(entry)) yield full;
  }
}

const row = (action: string, detail: object, over: Partial<Parameters<typeof auditSentence>[0]> = {}) =>
  auditSentence({ actorType: "subuser", actorName: "alice", action, targetType: "x", targetId: "7", detail: JSON.stringify(detail), outcome: "ok", ...over });

describe("audit sentences", () => {
  it("every action the code writes has a phrase of its own", () => {
    const written = new Set<string>();
    for (const file of sources(path.join(ROOT, "lib"))) {
      for (const m of readFileSync(file, "utf8").matchAll(/action: "([a-z_]+\.[a-z_.]+)"/g)) written.add(m[1]!);
      // Either branch of a conditional action: status === "declined" ? "billing.top_up_declined" : "...".
      for (const m of readFileSync(file, "utf8").matchAll(/action: [^,\n]*\? "([a-z_]+\.[a-z_.]+)" : "([a-z_]+\.[a-z_.]+)"/g)) written.add(m[1]!).add(m[2]!);
      for (const m of readFileSync(file, "utf8").matchAll(/"(subuser\.roles\.[a-z]+|kv\.[a-z]+|app_user\.[a-z]+|subuser\.[a-z]+)"/g)) written.add(m[1]!);
    }
    // Built from a value: the verification review's outcomes (ZReviewVerificationInput).
    for (const outcome of ["verified", "rejected"]) written.add(`verification.${outcome}`);
    const missing = [...written].filter((a) => !PHRASED_ACTIONS.includes(a));
    expect(missing).toEqual([]);
  });

  it("reads like sentences, never like JSON", () => {
    expect(row("subuser.create", { name: "bob", roles: ["Admin", "Payer"] })).toBe("Subuser alice created the subuser bob with Admin, Payer");
    expect(row("application.rename", { from: "a1", to: "b2" }, { actorType: "owner", actorName: "demo" })).toBe("The account owner renamed the application a1 to b2");
    expect(row("subuser.update", { name: "bob", roles: { from: ["Admin"], to: ["Payer"] } })).toBe("Subuser alice changed the subuser bob's roles from Admin to Payer");
    expect(row("access.request", { roles: ["Owner"] }, { targetId: "numbers.list" })).toBe("Subuser alice asked the account owner for access to My numbers");
    expect(row("session.login", {}, { outcome: "failed" })).toBe("Failed: Subuser alice tried to log in");
    expect(row("session.login", { method: "recovery_code" })).toBe("Subuser alice logged in with a recovery code");
    expect(row("session.login", { step: "code", method: "authenticator" }, { outcome: "failed" })).toBe("Failed: Subuser alice tried to log in with a wrong two-step code");
    expect(row("session.login", { step: "code", method: "recovery_code" }, { outcome: "failed" })).toBe("Failed: Subuser alice tried to log in with a recovery code that is used up or wrong");
    expect(row("profile.two_step_on", {})).toBe("Subuser alice turned on two-step verification for their login");
    expect(row("api.call", { method: "GetUsers" }, { actorType: "key", actorName: "ci" })).toBe("Service account ci called GetUsers through the Management API");
    expect(row("scenario.restore", { name: "ivr", version: 4, note: "Restored from version 2" })).toBe("Subuser alice saved version 4 of the scenario ivr (Restored from version 2)");
    expect(row("rule.create", { name: "all", application: "sales", pattern: ".*" })).toBe("Subuser alice added the rule all to sales for .*");
    expect(row("something.new", {}, { targetType: "api_key", targetId: "k1" })).toBe("Subuser alice did something new on api key #k1");
    for (const a of PHRASED_ACTIONS) expect(row(a, { name: "x", roles: { from: [], to: ["Admin"] } })).not.toMatch(/[{}[\]"]/);
  });

  it("say what a roles change replaced, added or removed, with role or roles as many as there are", () => {
    const change = { name: "bob", roles: { from: ["Supervisor", "Payer"], to: ["Developer", "Payer"] } };
    expect(row("subuser.roles.set", change)).toBe("Subuser alice changed the subuser bob's roles from Supervisor, Payer to Developer, Payer");
    expect(row("subuser.roles.add", { name: "bob", roles: { from: ["Payer"], to: ["Payer", "Developer"] } })).toBe("Subuser alice gave the subuser bob the role Developer");
    expect(row("subuser.roles.add", { name: "bob", roles: { from: [], to: ["Payer", "Developer"] } })).toBe("Subuser alice gave the subuser bob the roles Payer, Developer");
    expect(row("subuser.roles.remove", { name: "bob", roles: { from: ["Payer", "Developer"], to: ["Payer"] } })).toBe("Subuser alice took the role Developer from the subuser bob, leaving Payer");
    expect(row("subuser.update", { name: "bob", roles: { from: ["Admin"], to: [] } })).toBe("Subuser alice changed the subuser bob's roles from Admin to no roles");
    expect(row("subuser.roles.set", { name: "bob", roles: { to: ["Admin"] } })).toBe("Subuser alice set the subuser bob's roles to Admin");
  });
});

describe("audit sentences for calls", () => {
  it("say who started a call (a test call, the API, a call list) and leave out a caller there is none of", () => {
    const place = (detail: object, over: Partial<Parameters<typeof auditSentence>[0]> = {}) => row("call.place", detail, over);
    const list = { actorType: "system", actorName: "Call list reminders" };
    expect(place({ initiator: "panel", from: "+14155550100", to: "+14155550102" })).toBe("Subuser alice placed a test call from +14155550100 to +14155550102");
    expect(place({ initiator: "panel", from: "alice", to: "" })).toBe("Subuser alice placed a test call from alice with nothing dialled");
    expect(place({ initiator: "api", from: "+14155550100", to: "+14155550102" }, { actorType: "key", actorName: "ci" })).toBe(
      "Service account ci started a call from +14155550100 to +14155550102 through the API (StartScenarios)",
    );
    expect(place({ initiator: "api", from: "", to: "" }, { actorType: "key", actorName: "ci" })).toBe("Service account ci started scenarios through the API (StartScenarios)");
    expect(place({ initiator: "call_list", from: "+15550002222", to: "+14155550102" }, list)).toBe("Call list reminders called +14155550102 (caller ID +15550002222)");
    expect(place({ initiator: "call_list", from: "", to: "+14155550102" }, list)).toBe("Call list reminders called +14155550102");
    // Rows written before the detail named the initiator: the principal tells.
    expect(place({ from: "", to: "+14155550102" }, list)).toBe("Call list reminders called +14155550102");
    expect(row("call.inbound", { initiator: "inbound", from: "+447700900123", to: "+14155550100" })).toBe("Subuser alice simulated an inbound call from +447700900123 to +14155550100");
  });
});

describe("audit sentences for numbers, money and SMS", () => {
  it("name the number, the amount and the outcome", () => {
    expect(row("number.buy", { number: "+14155550100", chargedMinor: 1_00 }, { actorType: "owner", actorName: "demo" })).toBe(
      "The account owner bought the number +14155550100 for $1.00",
    );
    expect(row("number.block", { number: "+14155550100", reason: "unpaid" }, { actorType: "system", actorName: "" })).toBe(
      "The system blocked the number +14155550100 (rent unpaid)",
    );
    expect(row("number.release_blocked", { number: "+14155550100" }, { actorType: "system", actorName: "" })).toBe(
      "The system released the number +14155550100, blocked past its release date",
    );
    expect(row("billing.top_up", { amountMinor: 25_00, currency: "USD" })).toBe("Subuser alice topped up the balance by $25.00");
    expect(row("child_account.transfer", { name: "kid-1", amountMinor: 12_50, currency: "USD" }, { actorType: "owner", actorName: "demo" })).toBe(
      "The account owner moved $12.50 to the child account kid-1",
    );
    expect(row("account.transfer_from_parent", { parentAccount: "demo", amountMinor: 12_50, currency: "USD" }, { actorType: "owner", actorName: "demo" })).toBe(
      "The account owner moved $12.50 to this account from demo",
    );
    expect(row("app_user.transfer", { name: "alice-phone", direction: "to_user", amountMinor: 5_25, currency: "USD" })).toBe("Subuser alice moved $5.25 to the user alice-phone");
    expect(row("app_user.transfer", { name: "alice-phone", direction: "to_account", amountMinor: 1_25, currency: "USD" })).toBe(
      "Subuser alice moved $1.25 from the user alice-phone back to the account",
    );
    expect(row("app_user.delete", { name: "alice-phone", returnedMinor: 4_00, currency: "USD" })).toBe(
      "Subuser alice deleted the user alice-phone; $4.00 left on its balance went back to the account",
    );
    expect(row("app_user.delete", { name: "bob-phone" })).toBe("Subuser alice deleted the user bob-phone");
    expect(row("app_user.update", { name: "dave", changes: { separateBalance: false, displayName: "Dave D" }, passwordChanged: true, customDataChanged: false })).toBe(
      "Subuser alice changed the user dave: display name, separate balance off, password",
    );
    expect(row("app_user.update", { name: "dave", changes: { name: "dave2", active: false, parentAccounting: false } })).toBe(
      "Subuser alice changed the user dave: renamed to dave2, deactivated, separate balance on",
    );
    expect(row("app_user.update", { name: "dave", changes: {} })).toBe("Subuser alice changed the user dave");
    expect(row("application.delete", { name: "shop", deletedUsers: 2, returnedMinor: 3_00, currency: "USD" })).toBe(
      "Subuser alice deleted the application shop and its 2 users; $3.00 left on their balances went back to the account",
    );
    expect(row("caller_id.code_wrong", { number: "+14155550199" }, { outcome: "failed" })).toBe(
      "Failed: Subuser alice entered a wrong verification code for the caller ID +14155550199",
    );
    expect(row("sms.send", { from: "+14155550100", to: "+447700900123", costMinor: 7 })).toBe("Subuser alice sent an SMS from +14155550100 to +447700900123 for $0.07");
  });
});

describe("audit sentences for SIP registrations", () => {
  it("name the registration, where its calls go, the money and why it stopped", () => {
    const owner = { actorType: "owner", actorName: "demo" };
    const billing = { actorType: "system", actorName: "billing" };
    const reg = "100@pbx.example.com";
    expect(row("sip_registration.create", { registration: reg, chargedMinor: 1_00, application: "sales", rule: "inbound" }, owner)).toBe(
      "The account owner created the SIP registration 100@pbx.example.com for $1.00 to the rule inbound of sales",
    );
    expect(row("sip_registration.create", { registration: reg, chargedMinor: 1_00 })).toBe("Subuser alice created the SIP registration 100@pbx.example.com for $1.00");
    expect(row("sip_registration.update", { registration: reg, changed: ["proxy", "password"], boundTo: { application: "sales", user: "dave" } })).toBe(
      "Subuser alice changed the SIP registration 100@pbx.example.com: proxy, password; bound it to the user dave of sales",
    );
    expect(row("sip_registration.bind", { registration: reg, application: "sales", user: "dave" })).toBe("Subuser alice bound the SIP registration 100@pbx.example.com to the user dave of sales");
    expect(row("sip_registration.unbind", { registrations: [reg] })).toBe("Subuser alice unbound the SIP registration 100@pbx.example.com");
    expect(row("sip_registration.unbind", { registrations: [reg, "200@pbx.example.com"], application: "sales", rule: "inbound" })).toBe(
      "Subuser alice unbound the SIP registrations 100@pbx.example.com, 200@pbx.example.com from the rule inbound of sales",
    );
    expect(row("sip_registration.unbind", { registrations: ["200@pbx.example.com"], application: "sales", user: "dave", replacedBy: reg })).toBe(
      "Subuser alice unbound the SIP registration 200@pbx.example.com from the user dave of sales (the user's registration is now 100@pbx.example.com)",
    );
    expect(row("sip_registration.delete", { registration: reg })).toBe("Subuser alice deleted the SIP registration 100@pbx.example.com");
    expect(row("sip_registration.delete", {}, { targetId: "9" })).toBe("Subuser alice deleted the SIP registration #9");
    expect(row("sip_registration.restore", { registration: reg, chargedMinor: 1_00 }, owner)).toBe("The account owner paid for and restored the SIP registration 100@pbx.example.com for $1.00");
    expect(row("sip_registration.renew", { registration: reg, chargedMinor: 1_00 }, billing)).toBe("Billing renewed the SIP registration 100@pbx.example.com for $1.00");
    expect(row("sip_registration.deactivate", { registration: reg, reason: "unpaid", priceMinor: 1_00 }, billing)).toBe(
      "Billing deactivated the SIP registration 100@pbx.example.com (monthly charge unpaid)",
    );
  });
});

describe("audit sentences for the webhook", () => {
  it("say the URL, how many events, and what was discarded", () => {
    const owner = { actorType: "owner", actorName: "demo" };
    const url = "https://hooks.example.com/sb";
    expect(row("webhook.save", { url, events: ["low_balance", "number_blocked"], active: true, created: true }, owner)).toBe(`The account owner added the webhook ${url} for 2 events`);
    expect(row("webhook.save", { url, events: ["low_balance"], active: true, created: false }, owner)).toBe(`The account owner changed the webhook ${url} for 1 event`);
    expect(row("webhook.save", { url, events: [], active: false, created: false }, owner)).toBe(`The account owner changed the webhook ${url} (off)`);
    expect(row("billing.run_day", { renewed: 1, blocked: 0, released: 0, sipRenewed: 0, sipDeactivated: 2 }, owner)).toBe(
      "The account owner ran the billing day: 1 renewed, 0 blocked, 0 released; SIP registrations: 0 renewed, 2 deactivated",
    );
    expect(row("billing.run_day", { renewed: 1, blocked: 0, released: 0, sipRenewed: 0, sipDeactivated: 0 }, owner)).toBe("The account owner ran the billing day: 1 renewed, 0 blocked, 0 released");
    expect(row("webhook.rotate_secret", {}, owner)).toBe("The account owner made a new signing secret for the webhook");
    expect(row("webhook.delete", { url, discarded: 2 }, owner)).toBe(`The account owner removed the webhook ${url}, discarding 2 pending deliveries`);
    expect(row("webhook.delete", { url, discarded: 0 }, owner)).toBe(`The account owner removed the webhook ${url}`);
    expect(row("webhook.redeliver", { event: "low_balance", url }, { ...owner, targetId: "12" })).toBe("The account owner sent the failed webhook delivery #12 (low_balance) again");
    expect(row("webhook.test", { url }, owner)).toBe(`The account owner sent a test event to the webhook ${url}`);
  });
});
