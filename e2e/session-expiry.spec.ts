// Threat: session hijacking through sessions that never end (ASVS 7.3.2). A session lasts 8 hours
// from login, absolute: requests must not slide it (Auth.js's own maxAge would), and one second
// past the limit the next request is sent to log in. Time moves by rewriting the session row,
// never by sleeping.
import { test, expect } from "./fixtures";

const HOUR = 60 * 60 * 1000;

test("a session ends exactly 8 hours after login, whatever happens in between", async ({ apiLoggedIn, factory }) => {
  const sub = await factory.subuser({ roles: ["Developer"] });
  const api = await apiLoggedIn({ kind: "subuser", accountId: sub.accountId, name: sub.name, password: sub.password });

  const [session, ...others] = await factory.sessions({ accountId: sub.accountId, subuserId: sub.id });
  expect(others).toHaveLength(0);
  expect(session!.expiresAt.getTime() - session!.createdAt.getTime()).toBe(8 * HOUR);

  // 60 seconds before the end: still in, and using the session does not extend it.
  const aged = await factory.ageSession(session!.id, 8 * HOUR - 60_000);
  for (let i = 0; i < 2; i++) {
    const res = await api.get("/dashboard", { maxRedirects: 0 });
    expect(res.status()).toBe(200);
  }
  const after = await factory.db.session.findUniqueOrThrow({ where: { id: session!.id } });
  expect(after.expiresAt.getTime()).toBe(aged.expiresAt.getTime());
  expect(after.createdAt.getTime()).toBe(aged.createdAt.getTime());
  expect(after.revokedAt).toBeNull();

  // One second past the end: the next request goes to the account's subuser login link, saying
  // why, and so does every later one.
  await factory.ageSession(session!.id, 61_000);
  const res = await api.get("/dashboard");
  expect(new URL(res.url()).pathname + new URL(res.url()).search).toBe(`/login/subuser/${sub.accountId}?ended=1`);
  expect(await res.text()).toContain("Your session has ended");
  const again = await api.get("/dashboard", { maxRedirects: 0 });
  expect(again.status()).not.toBe(200);
});

test("the owner's session is limited the same way", async ({ apiLoggedIn, factory }) => {
  const acct = await factory.account();
  const api = await apiLoggedIn({ kind: "owner", login: acct.name, password: acct.password });
  const [session] = await factory.sessions({ accountId: acct.id, subuserId: null });
  expect(session!.expiresAt.getTime() - session!.createdAt.getTime()).toBe(8 * HOUR);
  expect((await api.get("/dashboard", { maxRedirects: 0 })).status()).toBe(200);
  await factory.ageSession(session!.id, 8 * HOUR + 1_000);
  const res = await api.get("/dashboard");
  expect(new URL(res.url()).pathname + new URL(res.url()).search).toBe("/login?ended=1");
  expect(await res.text()).toContain("Your session has ended");
  // Any other page is named, to land on after logging in again (its query too).
  const numbers = await api.get("/numbers?page=2");
  expect(new URL(numbers.url()).pathname + new URL(numbers.url()).search).toBe("/login?ended=1&next=%2Fnumbers%3Fpage%3D2");
  expect(await numbers.text()).toContain('name="next" value="/numbers?page=2"');
});
