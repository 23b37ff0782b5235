// The Create dialog checks the whole-number settings before an upload with wholeNumberProblem; the
// server's schema must say the same words for the same input, so the errors never change between
// the two checks.
import { describe, expect, it } from "vitest";
import { WHOLE_NUMBER_SETTINGS, wholeNumberProblem } from "./client-safe";
import { ZCallListSettings } from "./schemas";

describe("wholeNumberProblem", () => {
  const inputs = ["", "0", "-1", "1", "2.5", "abc", "5", "101", "11", "604800", "604801", " 3 "];
  for (const [field, w] of Object.entries(WHOLE_NUMBER_SETTINGS)) {
    it(`${field}: the dialog's words are the schema's for every input`, () => {
      for (const raw of inputs) {
        const parsed = ZCallListSettings[field as keyof typeof WHOLE_NUMBER_SETTINGS].safeParse(raw);
        expect([raw, wholeNumberProblem(w.label, raw, w.min, w.max)]).toEqual([raw, parsed.success ? null : parsed.error.issues[0]!.message]);
      }
    });
  }
});
