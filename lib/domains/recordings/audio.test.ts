import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeWav, MAX_AUDIO_SECONDS, recordingAudio, SAMPLE_RATE, speak, tones, toTelephoneRate, wavFile } from "./audio";

const dir = mkdtempSync(path.join(tmpdir(), "espeak-stand-in-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 16-bit mono WAV at `rate`, as espeak-ng writes it to a pipe (data size left at 0xFFFFFFFF). */
function espeakLikeWav(rate: number, seconds: number): Buffer {
  const n = Math.round(rate * seconds);
  const b = Buffer.alloc(44 + n * 2);
  b.write("RIFF", 0);
  b.writeUInt32LE(0xffffffff, 4);
  b.write("WAVEfmt ", 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write("data", 36);
  b.writeUInt32LE(0xffffffff, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(12000 * Math.sin((2 * Math.PI * 300 * i) / rate)), 44 + i * 2);
  return b;
}

/** A stand-in espeak-ng: writes its arguments, one per line, to args.txt and a WAV to stdout. */
function standIn(): string {
  writeFileSync(path.join(dir, "speech.wav"), espeakLikeWav(22050, 1.5));
  const bin = path.join(dir, "espeak-ng");
  writeFileSync(bin, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args.txt"\ncat "${dir}/speech.wav"\n`);
  chmodSync(bin, 0o755);
  return bin;
}

describe("the WAV writer", () => {
  it("writes a mono 8-bit 8 kHz PCM file a browser plays, and reads back", () => {
    const samples = tones(2);
    expect(samples.length).toBe(2 * SAMPLE_RATE);
    const wav = wavFile(samples);
    expect(Buffer.from(wav.subarray(0, 4)).toString()).toBe("RIFF");
    expect(Buffer.from(wav.subarray(8, 16)).toString()).toBe("WAVEfmt ");
    expect(wav.length).toBe(44 + samples.length);
    const back = decodeWav(wav)!;
    expect(back.rate).toBe(SAMPLE_RATE);
    expect(back.samples.length).toBe(samples.length);
  });

  it("resamples espeak-ng's 22,050 Hz 16-bit output to 8 kHz, within the cap", () => {
    const decoded = decodeWav(new Uint8Array(espeakLikeWav(22050, 3)))!;
    expect(decoded.rate).toBe(22050);
    expect(toTelephoneRate(decoded, 10).length).toBe(3 * SAMPLE_RATE);
    expect(toTelephoneRate(decoded, 1).length).toBe(SAMPLE_RATE);
  });

  it("recordings without speech are tones, never longer than the cap", () => {
    const a = recordingAudio(600, "", { espeakPath: path.join(dir, "no-such-binary") });
    expect(a.source).toBe("tones");
    expect(a.audioSeconds).toBe(MAX_AUDIO_SECONDS);
    expect(a.wav.length).toBe(44 + MAX_AUDIO_SECONDS * SAMPLE_RATE);
    expect(recordingAudio(0, "").audioSeconds).toBe(1);
  });

  it("without espeak-ng installed, speech falls back to tones", () => {
    expect(speak("hello", 5, { espeakPath: path.join(dir, "missing-espeak") })).toBeNull();
    expect(recordingAudio(4, "hello", { espeakPath: path.join(dir, "missing-espeak") }).source).toBe("tones");
  });
});

describe("command injection through the spoken text", () => {
  // Threat: OS command injection (CWE-78). A scenario's say() text reaches the speech synthesizer;
  // spawned through a shell, `; rm -rf ~` in it would run. It must arrive as one argument, after
  // "--" so that a leading "-" is no option either.
  it("passes the text as a single argument after --, through no shell", () => {
    const bin = standIn();
    const pwned = path.join(dir, "pwned");
    const text = `-v evil "; touch ${pwned}; $(touch ${pwned}) \`touch ${pwned}\``;
    const samples = speak(text, 10, { espeakPath: bin })!;
    expect(samples.length).toBe(Math.floor(1.5 * SAMPLE_RATE));
    const args = readFileSync(path.join(dir, "args.txt"), "utf8").trimEnd().split("\n");
    expect(args.slice(-2)).toEqual(["--", text]);
    expect(existsSync(pwned)).toBe(false);
    expect(recordingAudio(5, "Hello", { espeakPath: bin }).source).toBe("speech");
  });

  it("control characters never reach it", () => {
    const bin = standIn();
    speak("line one\nline two\u0000", 10, { espeakPath: bin });
    const args = readFileSync(path.join(dir, "args.txt"), "utf8").trimEnd().split("\n");
    expect(args.at(-1)).toBe("line one line two");
  });
});
