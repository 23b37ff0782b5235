// How many segments an SMS takes, and in which encoding (3GPP TS 23.038 and 23.040): text made
// only of the GSM 7-bit default alphabet (and its extension table, whose characters take two
// septets) goes as GSM-7, 160 septets in one segment or 153 per segment of a concatenated
// message; anything else goes as UCS-2, 70 UTF-16 code units or 67 per segment. A character is
// never split across segments. Pure: the SMS composer counts as users type, the server charges
// by the same numbers.

/** The GSM 03.38 default alphabet (one septet each). */
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** The extension table (an escape septet plus one: two septets each). */
const GSM7_EXTENSION = "\f^{}\\[~]|€";

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export type SmsEncoding = "GSM7" | "UCS2";

/** At most this many segments per message (ours, as the issue and most carriers cap it). */
export const MAX_SMS_SEGMENTS = 10;

export const SEGMENT_LIMITS = {
  GSM7: { single: 160, multi: 153 },
  UCS2: { single: 70, multi: 67 },
} as const;

export type SmsCount = {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Units left in the last segment before another one is needed. */
  remaining: number;
  /** Units per segment for this message (single-segment or concatenated). */
  perSegment: number;
};

/** GSM-7 when every character is in the default alphabet or its extension table. */
export function smsEncodingOf(text: string): SmsEncoding {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return "UCS2";
  return "GSM7";
}

/** The width of each character in the encoding's units (septets, or UTF-16 code units). */
function widths(text: string, encoding: SmsEncoding): number[] {
  return [...text].map((ch) => (encoding === "GSM7" ? (EXTENSION.has(ch) ? 2 : 1) : ch.length));
}

/** Counts a message's segments. An empty text is one (empty) segment. */
export function countSms(text: string): SmsCount {
  const encoding = smsEncodingOf(text);
  const w = widths(text, encoding);
  const units = w.reduce((a, b) => a + b, 0);
  const { single, multi } = SEGMENT_LIMITS[encoding];
  if (units <= single) return { encoding, units, segments: 1, remaining: single - units, perSegment: single };
  // Fill segments of `multi` units without splitting a character across two of them.
  let segments = 1;
  let used = 0;
  for (const width of w) {
    if (used + width > multi) {
      segments += 1;
      used = 0;
    }
    used += width;
  }
  return { encoding, units, segments, remaining: multi - used, perSegment: multi };
}
