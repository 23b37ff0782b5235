// The page to return to after logging in: only a path of this panel, never another site.
import { describe, expect, it } from "vitest";
import { loginPageFor, safeReturnPath, withReturnPath } from "./return-path";

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

describe("safeReturnPath", () => {
  it("keeps a page of the panel, resolved as a browser would", () => {
    expect(safeReturnPath("/applications/7/users?page=2")).toBe("/applications/7/users?page=2");
    expect(safeReturnPath("/calls/./5")).toBe("/calls/5");
    expect(safeReturnPath("/numbers/x/../buy")).toBe("/numbers/buy");
  });
  it.each([
    "//evil.example/x", "/.//evil.example", "/a/..//evil.example", "/%2e//evil.example", "/%2E/%2e//evil.example", "/./\\evil.example", "/\\evil.example",
    "https://evil.example/", "javascript:alert(1)", "/ x", "/\tx", "/", "/./", "/login", "/./logout", "/a/../signup", "/api/auth/signout", "/platform_api/GetUsers", "/two-step",
  ])("refuses %j (another site, no page, or a login, logout or API path)", (raw) => {
    expect(safeReturnPath(raw)).toBeNull();
  });
});

describe("loginPageFor", () => {
  it("is the subuser login link the cookie names, else /login", () => {
    expect(loginPageFor("7")).toBe("/login/subuser/7");
    for (const v of [undefined, "", "0", "07", "7/../../x", "abc", "12345678901"]) expect(loginPageFor(v)).toBe("/login");
  });
});
