// The session cookie's decryption is remembered per exact token: a second read of the same cookie
// skips the WebCrypto work, and still refuses it once expired; a token altered by one character,
// one sealed with another secret or under another cookie name is decrypted (and refused) afresh.
import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { decodeSessionToken, sessionTokenDecryptions } from "./session-token";

const secret = "a-test-secret-of-enough-length-0123456789";
const salt = "authjs.session-token";

describe("decodeSessionToken", () => {
  it("decrypts a token once, then answers the same payload from memory", async () => {
    const token = await encode({ token: { sid: "s1" }, secret, salt, maxAge: 3600 });
    const before = sessionTokenDecryptions();
    const first = await decodeSessionToken({ token, secret, salt });
    const second = await decodeSessionToken({ token, secret, salt });
    expect(first).toMatchObject({ sid: "s1", exp: expect.any(Number), iat: expect.any(Number) });
    expect(second).toEqual(first);
    expect(sessionTokenDecryptions() - before).toBe(1);
    // A caller changing its copy changes nothing remembered.
    second!.sid = "other";
    expect((await decodeSessionToken({ token, secret, salt }))!.sid).toBe("s1");
  });

  it("refuses a remembered token once it has expired (Auth.js's 15 s allowance)", async () => {
    const token = await encode({ token: { sid: "s2" }, secret, salt, maxAge: 60 });
    const payload = await decodeSessionToken({ token, secret, salt });
    const exp = payload!.exp as number;
    await expect(decodeSessionToken({ token, secret, salt }, (exp + 10) * 1000)).resolves.toMatchObject({ sid: "s2" });
    await expect(decodeSessionToken({ token, secret, salt }, (exp + 16) * 1000)).rejects.toThrow();
  });

  it("never answers an altered token, another secret's or another cookie's from memory", async () => {
    const token = await encode({ token: { sid: "s3" }, secret, salt, maxAge: 3600 });
    await decodeSessionToken({ token, secret, salt });
    const i = token.length - 5;
    const altered = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
    await expect(decodeSessionToken({ token: altered, secret, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: await encode({ token: { sid: "s3" }, secret: `${secret}x`, salt, maxAge: 3600 }), secret, salt })).rejects.toThrow();
    const before = sessionTokenDecryptions();
    await expect(decodeSessionToken({ token, secret, salt: "__Secure-authjs.session-token" })).rejects.toThrow();
    expect(sessionTokenDecryptions() - before).toBe(1);
    expect(await decodeSessionToken({ token: "", secret, salt })).toBeNull();
  });
});
