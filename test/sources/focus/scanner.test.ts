import { describe, expect, test } from "vitest";
import { CsvError, type CsvRecord, CsvScanner } from "../../../src/sources/focus/csv-scanner.ts";

// The CSV scanner: RFC 4180 quoting, whatever the chunk boundaries.

const TEXT = [
  'id,"note",amount',
  '1,"plain",2.5',
  '2,"with, comma and ""quotes""",3',
  '3,"two\nlines",4',
  "",
  "4,,5\r",
  '5,"ends, quoted"',
].join("\n");

/** Records as [line, fields…], keeping every column after the header. */
function scan(chunks: string[]): (string | number)[][] {
  const out: (string | number)[][] = [];
  const scanner = new CsvScanner((r: CsvRecord) => {
    out.push([r.line, r.fieldCount, ...r.values.slice(0, r.fieldCount)]);
    if (out.length === 1) scanner.select(Int32Array.from([0, 1, 2]), 3);
  });
  for (const chunk of chunks) scanner.push(chunk);
  scanner.end();
  return out;
}

const EXPECTED = [
  [1, 3, "id", "note", "amount"],
  [2, 3, "1", "plain", "2.5"],
  [3, 3, "2", 'with, comma and "quotes"', "3"],
  [4, 3, "3", "two\nlines", "4"],
  // The quoted line break makes record 3 two lines long, and line 6 is blank.
  [7, 3, "4", "", "5"],
  [8, 2, "5", "ends, quoted"],
];

describe("CSV scanner", () => {
  test("reads quoted commas, doubled quotes, line breaks, CRLF and a last line without one", () => {
    expect(scan([TEXT])).toEqual(EXPECTED);
  });

  test("gives the same records whatever the chunk boundaries", () => {
    expect(scan([...TEXT])).toEqual(EXPECTED);
    for (const size of [2, 3, 7, 16]) {
      const chunks = TEXT.match(new RegExp(`[^]{1,${size}}`, "g")) ?? [];
      expect(scan(chunks)).toEqual(EXPECTED);
    }
  });

  test("a quoted field never closed is an error naming its line", () => {
    expect(() => scan(['a,b\n1,"open\n2,3'])).toThrow(CsvError);
    expect(() => scan(['a,b\n1,"open\n2,3'])).toThrow(/line 2/);
  });

  test("text after a closing quote is an error naming its line", () => {
    expect(() => scan(['a,b\n1,"x"y\n'])).toThrow(/line 2: text after a closing quote/);
  });
});
