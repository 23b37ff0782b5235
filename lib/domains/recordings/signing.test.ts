// Threat: a recording of a secure-storage application fetched on a URL that was altered, forged
// or has expired (a leaked link must stop working); the signature must bind the recording id.
import { describe, expect, it } from "vitest";
import { recordingUrl, signRecording, SIGNED_URL_TTL_SECONDS, verifyRecordingSignature } from "./signing";

const now = new Date("2026-05-01T12:00:00Z");
const later = (s: number) => new Date(now.getTime() + s * 1000);

describe("signed recording URLs", () => {
  it("verify for their recording until they expire", () => {
    const { expires, sig } = signRecording(7, now);
    expect(expires).toBe(now.getTime() / 1000 + SIGNED_URL_TTL_SECONDS);
    expect(verifyRecordingSignature(7, String(expires), sig, now)).toBe(true);
    expect(verifyRecordingSignature(7, String(expires), sig, later(SIGNED_URL_TTL_SECONDS - 1))).toBe(true);
    expect(verifyRecordingSignature(7, String(expires), sig, later(SIGNED_URL_TTL_SECONDS))).toBe(false);
  });

  it("refuse another recording, a moved expiry, a changed signature and garbage", () => {
    const { expires, sig } = signRecording(7, now);
    expect(verifyRecordingSignature(8, String(expires), sig, now)).toBe(false);
    expect(verifyRecordingSignature(7, String(expires + 3600), sig, now)).toBe(false);
    const flipped = (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    expect(verifyRecordingSignature(7, String(expires), flipped, now)).toBe(false);
    for (const [e, s] of [[null, sig], [String(expires), null], ["12x", sig], [String(expires), "short"], ["", ""]] as const) {
      expect(verifyRecordingSignature(7, e, s, now)).toBe(false);
    }
  });

  it("the panel's URLs carry a signature only for secure storage", () => {
    expect(recordingUrl(5, { secure: false, now })).toBe("/calls/recordings/5");
    expect(recordingUrl(5, { secure: false, now, download: true })).toBe("/calls/recordings/5?download=1");
    const signed = new URL(recordingUrl(5, { secure: true, now }), "http://x");
    expect(verifyRecordingSignature(5, signed.searchParams.get("expires"), signed.searchParams.get("sig"), now)).toBe(true);
  });
});
