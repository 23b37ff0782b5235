import { describe, expect, it } from "vitest";
import { sectionsFor } from "@/lib/access/matrix";
import { subuserLoginPath, subuserLoginUrl } from "./login-link";
import { roleOptions } from "./role-options";

const headersOf = (h: Record<string, string>) => new Headers(h);

describe("the subuser login link", () => {
  it("is /login/subuser/<accountId> on the request's own host", () => {
    expect(subuserLoginPath(42)).toBe("/login/subuser/42");
    expect(subuserLoginUrl(42, headersOf({ host: "localhost:3000" }))).toBe("http://localhost:3000/login/subuser/42");
    expect(subuserLoginUrl(7, headersOf({ host: "panel.example.com" }))).toBe("https://panel.example.com/login/subuser/7");
    expect(subuserLoginUrl(7, headersOf({ host: "10.0.0.5:3000", "x-forwarded-host": "sb.example.org", "x-forwarded-proto": "https" }))).toBe(
      "https://sb.example.org/login/subuser/7",
    );
  });
});

describe("role options", () => {
  it("describe each assignable role with the number of sections the matrix gives it", () => {
    const options = roleOptions();
    expect(options.map((o) => o.role)).not.toContain("MainAccount");
    expect(options).toHaveLength(11);
    for (const o of options) {
      expect(o.sections).toBe(sectionsFor([o.role]).size);
      expect(o.titles).toHaveLength(o.sections);
      expect(o.hint).toMatch(new RegExp(`^${o.sections} of 53 sections`));
    }
    expect(options.find((o) => o.role === "Owner")?.hint).toContain("Subusers");
    expect(options.find((o) => o.role === "PhoneNumberManager")?.hint).toContain("Reserved numbers");
  });
});
