// Canonical JSON (RFC 8785) as the ledger hashes it: the spellings below are written out by
// hand from the RFC's rules, so a change of serialisation cannot pass unnoticed.
import { describe, expect, it } from "vitest";
import { canonicalJson, parseCanonical, sha256Hex } from "../../src/domain/canonical-json.ts";

describe("canonical JSON", () => {
  it("sorts members, drops undefined ones, and writes no whitespace", () => {
    const value = { b: 1, a: [true, null, "x"], c: { z: undefined, y: -0 } };
    expect(canonicalJson(value)).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":0}}');
  });

  it("orders keys by UTF-16 code units, as RFC 8785's own example does", () => {
    const keys = ["\u20ac", "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6"];
    const value = Object.fromEntries(keys.map((k, i) => [k, i]));
    // U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FB33
    expect(canonicalJson(value)).toBe(
      '{"\\r":1,"1":3,"\u0080":5,"\u00f6":6,"\u20ac":0,"\ud83d\ude00":4,"\ufb33":2}',
    );
  });

  it("writes numbers in ECMAScript's shortest form", () => {
    expect(canonicalJson([1.0, 0.1, 1e21, 5e-7, -12.5, 333333333.3333333])).toBe(
      "[1,0.1,1e+21,5e-7,-12.5,333333333.3333333]",
    );
  });

  it("escapes only quote, backslash and control characters", () => {
    expect(canonicalJson('a"b\\c\n\t\u0001\u001f é\u2028€')).toBe(
      '"a\\"b\\\\c\\n\\t\\u0001\\u001f é\u2028€"',
    );
  });

  it.each([
    ["NaN", { n: Number.NaN }, "$.n is not finite"],
    ["infinity", [Number.POSITIVE_INFINITY], "$[0] is not finite"],
    ["a lone surrogate", { s: "\ud800x" }, "$.s has a lone surrogate"],
    ["a function", { f: () => 1 }, "$.f is a function"],
  ])("refuses %s", (_name, value, message) => {
    expect(() => canonicalJson(value as object)).toThrow(message);
  });

  it("hashes the UTF-8 text with SHA-256 (FIPS 180-2 test vector)", () => {
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("parses canonical text back, and nothing else", () => {
    expect(parseCanonical('{"a":1,"b":[2]}')).toEqual({ a: 1, b: [2] });
    expect(parseCanonical('{"b":1,"a":2}')).toBeUndefined();
    expect(parseCanonical('{"a": 1}')).toBeUndefined();
    expect(parseCanonical("{oops")).toBeUndefined();
  });
});
