import { expect, test } from "vitest";
import { CsvSyntaxError, parseCsv } from "../../../src/import/csv.ts";
import { readHeader, readRow } from "../../../src/sources/experiments/csv-rows.ts";

// RFC 4180 reading and the column rules, with literal text.

test("quoted fields keep commas, quotes and line breaks; rows keep their first line", () => {
  const text = 'a,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",z\nlast,';
  expect(parseCsv(text)).toEqual([
    { line: 1, fields: ["a", "b"] },
    { line: 2, fields: ["x, y", 'say "hi"'] },
    { line: 4, fields: ["multi\nline", "z"] },
    { line: 6, fields: ["last", ""] },
  ]);
});

test("malformed quoting names the line", () => {
  const error = (text: string) => {
    try {
      parseCsv(text);
    } catch (e) {
      return e instanceof CsvSyntaxError ? [e.line, e.message] : e;
    }
    return undefined;
  };
  expect(error('a,b\n"open,x\n')).toEqual([2, "a quoted field is never closed"]);
  expect(error('a,b\n"x"y,z')).toEqual([2, "text after a closing quote"]);
  expect(error('a,b\nx"y,z')).toEqual([2, "a quote inside an unquoted field"]);
});

test("a header without a required column, and rows with bad values, name the column", () => {
  expect(
    readHeader({ line: 1, fields: ["experiment", "variation", "control", "currency", "users"] }),
  ).toEqual({
    line: 1,
    field: "numerator",
    message:
      "missing column numerator; the header needs experiment, variation, control, currency, users, numerator",
  });
  const header = readHeader({
    line: 1,
    fields: [
      "Experiment",
      "VARIATION",
      "control",
      "currency",
      "users",
      "numerator",
      "ci_low",
      "ci_high",
      "denominator",
    ],
  });
  if (!(header instanceof Map)) throw new Error("header refused");
  const row = (...fields: string[]) => readRow({ line: 3, fields }, header);
  expect(row("e", "v", "maybe", "EUR", "10", "100", "", "", "")).toMatchObject({
    field: "control",
    message: "control: expected true or false",
  });
  expect(row("e", "v", "no", "EUR", "10", "100", "0.1", "", "")).toMatchObject({
    field: "ci_high",
    message: "ci_high: give both bounds or neither",
  });
  expect(row("e", "v", "no", "EUR", "10", "1e3", "", "", "0")).toMatchObject({
    field: "denominator",
  });
  expect(row("e", "v", "No", "eur", "10", "1e3", "-0.5", ".5", "")).toEqual({
    line: 3,
    experiment: "e",
    variation: "v",
    control: false,
    currency: "EUR",
    users: 10,
    numerator: 1000,
    denominator: 10, // users, when the file gives no denominator
    ciLow: -0.5,
    ciHigh: 0.5,
  });
});
