import { describe, expect, it } from "vitest";
import { parseAsOf } from "../../src/cli/as-of.ts";

describe("--as-of", () => {
  it.each([
    ["2026-06-30T00:00:00Z", "2026-06-30T00:00:00.000Z"],
    ["2026-06-30", "2026-06-30T00:00:00.000Z"],
    ["2026-06-30T12:00", "2026-06-30T12:00:00.000Z"],
    ["2026-06-30T12:00:00+02:00", "2026-06-30T10:00:00.000Z"],
  ])("reads %s as UTC %s", (text, iso) => {
    expect(new Date(parseAsOf(text)).toISOString()).toBe(iso);
  });

  it.each(["2026-02-30T00:00:00Z", "2026-06-31", "yesterday", "2026-13-01"])(
    "refuses %s",
    (text) => {
      expect(() => parseAsOf(text)).toThrow(/--as-of/);
    },
  );
});
