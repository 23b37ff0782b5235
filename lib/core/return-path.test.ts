// The page to return to after logging in: only a path of this panel, never another site.
import { describe, expect, it } from "vitest";
import { withReturnPath } from "./return-path";

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
