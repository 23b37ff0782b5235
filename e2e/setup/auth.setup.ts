// Logs in each of the 12 principals of the seeded demo account once, through Auth.js's
// credentials endpoint (not the form), and saves one storage state per principal for the specs.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { test, expect } from "../fixtures";
import { apiLogin } from "../fixtures/auth";
import { BASE_URL, storageStatePath } from "../fixtures/env";
import { PRINCIPALS, demoCredentials } from "../fixtures/matrix";

test.describe.configure({ mode: "parallel" });

for (const principal of PRINCIPALS) {
  test(`log in ${principal}`, async ({ playwright, factory }) => {
    const demo = await factory.demoAccount();
    const request = await playwright.request.newContext({ baseURL: BASE_URL });
    await apiLogin(request, demoCredentials(principal, demo.id));
    // Every principal holds the dashboard; a 200 proves the session is live, not just a cookie.
    const res = await request.get("/dashboard", { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    const file = storageStatePath(principal);
    mkdirSync(path.dirname(file), { recursive: true });
    await request.storageState({ path: file });
    await request.dispose();
  });
}
