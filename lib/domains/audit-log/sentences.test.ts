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
      for (const m of readFileSync(file, "utf8").matchAll(/"(subuser\.roles\.[a-z]+|kv\.[a-z]+|app_user\.[a-z]+|subuser\.[a-z]+)"/g)) written.add(m[1]!);
    }
    const missing = [...written].filter((a) => !PHRASED_ACTIONS.includes(a));
    expect(missing).toEqual([]);
  });

  it("reads like sentences, never like JSON", () => {
    expect(row("subuser.create", { name: "bob", roles: ["Admin", "Payer"] })).toBe("Subuser alice created the subuser bob with Admin, Payer");
    expect(row("application.rename", { from: "a1", to: "b2" }, { actorType: "owner", actorName: "demo" })).toBe("The account owner renamed the application a1 to b2");
    expect(row("subuser.update", { name: "bob", roles: { from: ["Admin"], to: ["Payer"] } })).toBe("Subuser alice gave the subuser bob the roles Payer");
    expect(row("access.request", { roles: ["Owner"] }, { targetId: "numbers.list" })).toBe("Subuser alice asked the account owner for access to My numbers");
    expect(row("session.login", {}, { outcome: "failed" })).toBe("Failed: Subuser alice tried to log in");
    expect(row("api.call", { method: "GetUsers" }, { actorType: "key", actorName: "ci" })).toBe("Service account ci called GetUsers through the Management API");
    expect(row("scenario.restore", { name: "ivr", version: 4, note: "Restored from version 2" })).toBe("Subuser alice saved version 4 of the scenario ivr (Restored from version 2)");
    expect(row("rule.create", { name: "all", application: "sales", pattern: ".*" })).toBe("Subuser alice added the rule all to sales for .*");
    expect(row("something.new", {}, { targetType: "api_key", targetId: "k1" })).toBe("Subuser alice did something new on api key #k1");
    for (const a of PHRASED_ACTIONS) expect(row(a, { name: "x", roles: { from: [], to: ["Admin"] } })).not.toMatch(/[{}[\]"]/);
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
    expect(row("caller_id.code_wrong", { number: "+14155550199" }, { outcome: "failed" })).toBe(
      "Failed: Subuser alice entered a wrong verification code for the caller ID +14155550199",
    );
    expect(row("sms.send", { from: "+14155550100", to: "+447700900123", costMinor: 7 })).toBe("Subuser alice sent an SMS from +14155550100 to +447700900123 for $0.07");
  });
});
