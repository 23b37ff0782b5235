// The audio of a simulated recording (docs/PRODUCT.md section 7: "a real audio file"): a WAV a
// browser plays and seeks, small on purpose: 8 kHz, mono, 8-bit PCM (8,000 bytes a second; the
// telephone network's own rate), at most MAX_AUDIO_SECONDS long whatever the recording's length.
// What it holds: the prompts the scenario said while it recorded, spoken by espeak-ng when that is
// installed, else a tone pattern. espeak-ng is spawned with an argument array (never a shell; the
// text is one argument after "--"), a time limit and an output cap.
//
// The WAV writer is ours (ten lines of RIFF header): a library for one fixed format would be more
// code to audit than the format itself.
import { spawnSync } from "node:child_process";

export const SAMPLE_RATE = 8000;
/** The longest audio a recording keeps (ours): enough to hear and seek, small enough for a database row. */
export const MAX_AUDIO_SECONDS = 30;
/** The longest text handed to the speech synthesizer. */
export const MAX_SPOKEN_CHARS = 600;

/** A mono 8-bit PCM WAV file of `samples` (0..255, 128 is silence) at SAMPLE_RATE. */
export function wavFile(samples: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(44 + samples.length);
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, 36 + samples.length, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE, true); // bytes per second: 1 channel x 1 byte
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, samples.length, true);
  out.set(samples, 44);
  return out;
}

/**
 * A tone pattern of `seconds` (at least one second): a soft two-note beep every second over a quiet
 * hum, so a listener hears it is a placeholder and a seek is audible.
 */
export function tones(seconds: number): Uint8Array {
  const n = Math.max(1, Math.round(seconds * SAMPLE_RATE));
  const samples = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / SAMPLE_RATE;
    const inSecond = t % 1;
    const beep = inSecond < 0.15 ? Math.sin(2 * Math.PI * 660 * t) : inSecond >= 0.2 && inSecond < 0.35 ? Math.sin(2 * Math.PI * 880 * t) : 0;
    const hum = 0.08 * Math.sin(2 * Math.PI * 120 * t);
    samples[i] = Math.max(0, Math.min(255, Math.round(128 + 100 * (0.6 * beep + hum))));
  }
  return samples;
}

/** The PCM samples of a WAV (8- or 16-bit, any rate and channel count: the first channel), or null. */
export function decodeWav(file: Uint8Array): { rate: number; samples: Float32Array } | null {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const tag = (at: number) => String.fromCharCode(...file.subarray(at, at + 4));
  if (file.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") return null;
  let at = 12;
  let fmt: { channels: number; rate: number; bits: number } | null = null;
  while (at + 8 <= file.length) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === "fmt ") {
      if (view.getUint16(body, true) !== 1) return null; // PCM only
      fmt = { channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === "data" && fmt) {
      // espeak-ng writes to a pipe with an unknown length (0 or 0xFFFFFFFF): take what is there.
      const end = size === 0 || body + size > file.length ? file.length : body + size;
      const step = (fmt.bits / 8) * fmt.channels;
      if (fmt.bits !== 8 && fmt.bits !== 16) return null;
      const count = Math.floor((end - body) / step);
      const samples = new Float32Array(count);
      for (let i = 0; i < count; i++) {
        const p = body + i * step;
        samples[i] = fmt.bits === 8 ? (view.getUint8(p) - 128) / 128 : view.getInt16(p, true) / 32768;
      }
      return { rate: fmt.rate, samples };
    }
    at = body + size + (size % 2);
  }
  return null;
}

/** Linear resampling to SAMPLE_RATE and 8-bit unsigned PCM, at most `maxSeconds` long. */
export function toTelephoneRate(input: { rate: number; samples: Float32Array }, maxSeconds: number): Uint8Array {
  const ratio = input.rate / SAMPLE_RATE;
  const n = Math.min(Math.floor(input.samples.length / ratio), Math.round(maxSeconds * SAMPLE_RATE));
  const out = new Uint8Array(Math.max(0, n));
  for (let i = 0; i < out.length; i++) {
    const x = i * ratio;
    const i0 = Math.floor(x);
    const a = input.samples[i0] ?? 0;
    const b = input.samples[i0 + 1] ?? a;
    const v = a + (b - a) * (x - i0);
    out[i] = Math.max(0, Math.min(255, Math.round(128 + v * 127)));
  }
  return out;
}

export type SpeechOptions = {
  /** The espeak-ng executable (tests point it at a stand-in). Default: `espeak-ng` from PATH. */
  espeakPath?: string;
  timeoutMs?: number;
};

const missing = new Set<string>();

/**
 * `text` spoken by espeak-ng, as 8 kHz samples, or null when espeak-ng is not installed (or fails):
 * the caller falls back to tones. The text is passed as one argument after "--" to a process
 * spawned without a shell, so nothing in it can become a command or an option.
 */
export function speak(text: string, maxSeconds: number, opts: SpeechOptions = {}): Uint8Array | null {
  const bin = opts.espeakPath ?? "espeak-ng";
  if (missing.has(bin)) return null;
  const clean = text.replace(/[\u0000-\u001F\u007F]/g, " ").trim().slice(0, MAX_SPOKEN_CHARS);
  if (!clean) return null;
  const r = spawnSync(bin, ["--stdout", "-v", "en-us", "-s", "165", "--", clean], {
    shell: false,
    timeout: opts.timeoutMs ?? 5_000,
    maxBuffer: 16 * 1024 * 1024,
    stdio: ["ignore", "pipe", "ignore"],
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ENOENT") {
    missing.add(bin);
    return null;
  }
  if (r.status !== 0 || !r.stdout) return null;
  const decoded = decodeWav(new Uint8Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.byteLength));
  if (!decoded || decoded.samples.length === 0) return null;
  return toTelephoneRate(decoded, maxSeconds);
}

export type RecordingAudio = { wav: Uint8Array<ArrayBuffer>; source: "speech" | "tones"; audioSeconds: number };

/**
 * The WAV of a recording of `seconds` during which `spokenText` was said: speech when espeak-ng is
 * available and something was said, else tones; never longer than MAX_AUDIO_SECONDS.
 */
export function recordingAudio(seconds: number, spokenText: string, opts: SpeechOptions = {}): RecordingAudio {
  const cap = Math.min(MAX_AUDIO_SECONDS, Math.max(1, seconds));
  const speech = spokenText ? speak(spokenText, cap, opts) : null;
  const samples = speech && speech.length > 0 ? speech : tones(cap);
  return { wav: wavFile(samples), source: speech && speech.length > 0 ? "speech" : "tones", audioSeconds: samples.length / SAMPLE_RATE };
}
