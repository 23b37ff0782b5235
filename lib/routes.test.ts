import { describe, expect, it } from "vitest";
import { routes, subuserLoginUrl } from "./routes";

describe("the subuser login link", () => {
  it("is /login/subuser/<accountId> under the panel's public base URL", () => {
    expect(routes.subuserLogin(42)).toBe("/login/subuser/42");
    expect(subuserLoginUrl(42, "http://localhost:3000")).toBe("http://localhost:3000/login/subuser/42");
    expect(subuserLoginUrl(7, "https://panel.example.com")).toBe("https://panel.example.com/login/subuser/7");
    expect(subuserLoginUrl(7, "https://sb.example.org/")).toBe("https://sb.example.org/login/subuser/7");
  });
});
