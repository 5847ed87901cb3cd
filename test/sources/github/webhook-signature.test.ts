import { describe, expect, it } from "vitest";
import { signatureMatches, signBody } from "../../../src/sources/github/webhook-signature.ts";

// GitHub's published test vector: secret "It's a Secret to Everybody", body "Hello, World!".
const SECRET = "It's a Secret to Everybody";
const BODY = Buffer.from("Hello, World!");
const VECTOR = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

describe("webhook signatures", () => {
  it("reproduces GitHub's test vector", () => {
    expect(signBody(SECRET, BODY)).toBe(VECTOR);
    expect(signatureMatches(BODY, VECTOR, [SECRET])).toBe(true);
  });

  it("accepts the previous secret during a rotation, in either position", () => {
    expect(signatureMatches(BODY, VECTOR, ["new-secret", SECRET])).toBe(true);
    expect(signatureMatches(BODY, VECTOR, [SECRET, "new-secret"])).toBe(true);
  });

  it("accepts upper-case hex, as a digest is a number", () => {
    expect(signatureMatches(BODY, `sha256=${VECTOR.slice(7).toUpperCase()}`, [SECRET])).toBe(true);
  });

  it("refuses another secret, a changed body, and malformed or missing headers", () => {
    expect(signatureMatches(BODY, VECTOR, ["It's a secret to everybody"])).toBe(false);
    expect(signatureMatches(Buffer.from("Hello, World!\n"), VECTOR, [SECRET])).toBe(false);
    expect(signatureMatches(BODY, undefined, [SECRET])).toBe(false);
    expect(signatureMatches(BODY, VECTOR.slice(7), [SECRET])).toBe(false);
    expect(signatureMatches(BODY, `sha1=${VECTOR.slice(7)}`, [SECRET])).toBe(false);
    expect(signatureMatches(BODY, `${VECTOR.slice(0, -2)}`, [SECRET])).toBe(false);
    expect(signatureMatches(BODY, `${VECTOR.slice(0, -1)}g`, [SECRET])).toBe(false);
    expect(signatureMatches(BODY, VECTOR, [])).toBe(false);
  });
});
