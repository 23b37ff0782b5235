import { describe, expect, it } from "vitest";
import { routes, subuserLoginUrl } from "./routes";

const headersOf = (h: Record<string, string>) => new Headers(h);

describe("the subuser login link", () => {
  it("is /login/subuser/<accountId> on the request's own host", () => {
    expect(routes.subuserLogin(42)).toBe("/login/subuser/42");
    expect(subuserLoginUrl(42, headersOf({ host: "localhost:3000" }))).toBe("http://localhost:3000/login/subuser/42");
    expect(subuserLoginUrl(7, headersOf({ host: "panel.example.com" }))).toBe("https://panel.example.com/login/subuser/7");
    expect(subuserLoginUrl(7, headersOf({ host: "10.0.0.5:3000", "x-forwarded-host": "sb.example.org", "x-forwarded-proto": "https" }))).toBe(
      "https://sb.example.org/login/subuser/7",
    );
  });
});
