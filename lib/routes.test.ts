import { describe, expect, it } from "vitest";
import { routes, subuserLoginUrl, withReturnPath } from "./routes";

describe("the subuser login link", () => {
  it("is /login/subuser/<accountId> under the panel's public base URL", () => {
    expect(routes.subuserLogin(42)).toBe("/login/subuser/42");
    expect(subuserLoginUrl(42, "http://localhost:3000")).toBe("http://localhost:3000/login/subuser/42");
    expect(subuserLoginUrl(7, "https://panel.example.com")).toBe("https://panel.example.com/login/subuser/7");
    expect(subuserLoginUrl(7, "https://sb.example.org/")).toBe("https://sb.example.org/login/subuser/7");
  });
});

describe("withReturnPath", () => {
  it("adds the page to return to, encoded, after the login page's own query", () => {
    expect(withReturnPath("/login", "/numbers?page=2")).toBe("/login?next=%2Fnumbers%3Fpage%3D2");
    expect(withReturnPath("/login/subuser/7?ended=1", "/applications/3/users")).toBe("/login/subuser/7?ended=1&next=%2Fapplications%2F3%2Fusers");
  });
  it("names no page for the dashboard, where every login lands anyway, nor for anything that is not a page of this panel", () => {
    for (const page of ["/dashboard", "/dashboard?x=1", "/", "//evil.example/x", "/\\evil.example", "https://evil.example", "/login", "/api/auth/session", "/two-step", "", null, undefined]) {
      expect(withReturnPath("/login?ended=1", page)).toBe("/login?ended=1");
    }
  });
});
