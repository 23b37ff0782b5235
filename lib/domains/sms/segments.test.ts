import { describe, expect, it } from "vitest";
import { countSms, MAX_SMS_SEGMENTS, smsEncodingOf } from "./segments";

describe("SMS segments (3GPP TS 23.038 / 23.040)", () => {
  it.each([
    ["", "GSM7", 0, 1],
    ["a".repeat(160), "GSM7", 160, 1],
    ["a".repeat(161), "GSM7", 161, 2],
    ["a".repeat(306), "GSM7", 306, 2],
    ["a".repeat(307), "GSM7", 307, 3],
    ["a".repeat(153 * 10), "GSM7", 1530, 10],
    ["€".repeat(80), "GSM7", 160, 1],
    ["€".repeat(81), "GSM7", 162, 2],
    ["Hello @ £5 — done", "UCS2", 17, 1],
    ["ж".repeat(70), "UCS2", 70, 1],
    ["ж".repeat(71), "UCS2", 71, 2],
    ["ж".repeat(134), "UCS2", 134, 2],
    ["ж".repeat(135), "UCS2", 135, 3],
    ["😀".repeat(35), "UCS2", 70, 1],
  ] as const)("%#: %j is %s, %i units, %i segment(s)", (text, encoding, units, segments) => {
    const c = countSms(text);
    expect(c).toMatchObject({ encoding, units, segments });
  });

  it("never splits a two-septet character across GSM-7 segments", () => {
    // 152 'a' + '€' (2 septets) = 154: the euro sign moves to the second segment.
    const c = countSms(`${"a".repeat(152)}€${"a".repeat(10)}`);
    expect(c).toMatchObject({ encoding: "GSM7", units: 164, segments: 2, remaining: 153 - 12 });
  });

  it("never splits a surrogate pair across UCS-2 segments", () => {
    // 66 'ж' + an emoji (2 code units) = 68 > 67: the emoji starts the second segment.
    const c = countSms(`${"ж".repeat(66)}😀${"ж".repeat(4)}`);
    expect(c).toMatchObject({ encoding: "UCS2", units: 72, segments: 2, remaining: 67 - 6 });
  });

  it("tells the encodings apart by the whole default alphabet and its extension table", () => {
    expect(smsEncodingOf("{[|]}^~\\€\f")).toBe("GSM7");
    expect(smsEncodingOf("ÄÖÑÜ§¿äöñüà")).toBe("GSM7");
    expect(smsEncodingOf("ç")).toBe("UCS2");
    expect(smsEncodingOf("`")).toBe("UCS2");
    expect(MAX_SMS_SEGMENTS).toBe(10);
  });
});
