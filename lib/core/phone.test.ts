import { describe, expect, it } from "vitest";
import { toE164 } from "./phone";
import { ZE164 } from "./validate";

describe("E.164", () => {
  it.each([
    ["+14155550123", "+14155550123"],
    ["+44 20 7123-4567", "+442071234567"],
    [" +1 (415) 555.0123 ", "+14155550123"],
    ["+123456789012345", "+123456789012345"],
  ])("%j is %s", (input, e164) => expect(toE164(input)).toBe(e164));

  it.each(["14155550123", "+04155550123", "+1234567890123456", "+12345", "+1415555O123", "", "+"])("%j is not a number", (input) => {
    expect(toE164(input)).toBeNull();
    const r = ZE164.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/international format/);
  });
});
