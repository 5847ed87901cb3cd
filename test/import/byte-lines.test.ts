import { describe, expect, it } from "vitest";
import { bufferLines, streamLines, UnreadableLine } from "../../src/import/byte-lines.ts";

// Lines cut from bytes: chunk boundaries anywhere, CRLF, the length limit and UTF-8
// checked per line.

async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect(bytes: Buffer, size: number, max?: number) {
  const lines = [];
  for await (const line of streamLines(chunks(bytes, size), max)) lines.push(line);
  return lines;
}

const describeLine = (line: string | UnreadableLine) =>
  line instanceof UnreadableLine ? `${line.code}: ${line.message}` : line;

describe("lines from bytes", () => {
  const text = Buffer.from('{"a":"é"}\r\n\n{"b":"€"}\nlast', "utf8");

  it.each([1, 2, 3, 7, 1000])("gives the same lines with chunks of %i bytes", async (size) => {
    expect(await collect(text, size)).toEqual(['{"a":"é"}', "", '{"b":"€"}', "last"]);
  });

  it("gives no empty line after a final newline, as a text reader would", () => {
    expect(bufferLines(Buffer.from("a\nb\n"))).toEqual(["a", "b"]);
    expect(bufferLines(Buffer.from(""))).toEqual([]);
  });

  it("refuses a line that is not UTF-8 and keeps its neighbours", () => {
    const bytes = Buffer.concat([
      Buffer.from("ok-1\n"),
      Buffer.from([0x61, 0x62, 0xc3, 0x28, 0x0a]), // "ab" then a broken two-byte sequence
      Buffer.from("ok-3\n"),
      Buffer.from([0xe2, 0x82]), // a three-byte sequence cut short at the end
    ]);
    expect(bufferLines(bytes).map(describeLine)).toEqual([
      "ok-1",
      "invalid_encoding: line is not valid UTF-8 (at byte 3)",
      "ok-3",
      "invalid_encoding: line is not valid UTF-8 (at byte 1)",
    ]);
  });

  it("names the first bad byte, after multi-byte characters and a genuine U+FFFD", () => {
    const line = Buffer.concat([Buffer.from(`${"é".repeat(500)}\uFFFD`), Buffer.from([0xff])]);
    expect(bufferLines(line).map(describeLine)).toEqual([
      "invalid_encoding: line is not valid UTF-8 (at byte 1004)",
    ]);
  });

  it("refuses a line past the limit without keeping it, at any chunk size", async () => {
    const long = Buffer.concat([Buffer.from("12345678901\nshort\n123456789\n")]);
    for (const size of [1, 4, 64]) {
      const lines = (await collect(long, size, 10)).map(describeLine);
      expect(lines).toEqual(["limit_exceeded: line longer than 10 bytes", "short", "123456789"]);
    }
  });

  it("counts a line of exactly the limit, and its CR, as within it", () => {
    expect(bufferLines(Buffer.from("1234567890\r\n"), 10)).toEqual(["1234567890"]);
  });
});
