// parseAll: several checks, every failed field in one INVALID_INPUT (a form marks them all at once).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import { parseAll, parseInput } from "./validate";

const name = z.object({ name: z.string().min(1, "Enter a name") });
const both = z.object({ a: z.string().min(1, "Enter a"), b: z.string().min(1, "Enter b") });

describe("parseAll", () => {
  it("returns every check's result in order when all pass", () => {
    expect(parseAll(() => parseInput(name, { name: "x" }).name, () => 42)).toEqual(["x", 42]);
  });

  it("throws one INVALID_INPUT: the first failure's field, every other failed field in otherFields", () => {
    let thrown: unknown;
    try {
      parseAll(() => parseInput(name, { name: "" }), () => 1, () => parseInput(both, { a: "", b: "" }));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: "INVALID_INPUT", field: "name", message: "Enter a name", otherFields: { a: "Enter a", b: "Enter b" } });
  });

  it("lets any other error through as it is", () => {
    const conflict = new AppError("CONFLICT", { message: "Taken", field: "name" });
    expect(() => parseAll(() => parseInput(name, { name: "" }), () => {
      throw conflict;
    })).toThrow(conflict);
  });
});
