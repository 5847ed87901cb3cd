import { expect, test } from "vitest";
import { ingestRules } from "../../src/import/ingest-rules.ts";
import { parseLine } from "../../src/import/parse-line.ts";
import { testConfig } from "./helpers.ts";

// Unknown fields from a hostile sender: a huge key is echoed back cut to its first 64
// characters with its length, and a line with many unknown keys names the first 20 and
// says there are more, so one line stays one bounded message (METRICS.md decision 139).

const deployment = (extra: Record<string, unknown>) =>
  JSON.stringify({
    kind: "deployment",
    id: "d1",
    service: "checkout",
    environment: "production",
    finishedAt: "2026-06-01T10:00:00Z",
    commitSha: "abc1234",
    ...extra,
  });

const warningOf = (line: string) => {
  const outcome = parseLine(line, ingestRules(testConfig()));
  if (!("warning" in outcome) || outcome.warning === undefined)
    throw new Error(`expected a stored line with a warning: ${JSON.stringify(outcome)}`);
  return outcome.warning;
};

test("a megabyte-long unknown key is named by its first 64 characters and its length", () => {
  const key = "k".repeat(1_000_000);
  const warning = warningOf(deployment({ [key]: 1 }));
  expect(warning.message).toBe(`unknown field "${"k".repeat(64)}… (1000000 characters)"`);
  expect(warning.field).toBe(`${"k".repeat(64)}… (1000000 characters)`);
});

test("a line with 30 unknown keys names the first 20 and says there are more", () => {
  const extra = Object.fromEntries(Array.from({ length: 30 }, (_, n) => [`zz${n}`, n]));
  const message = warningOf(deployment(extra)).message;
  const named = message.split("; ");
  expect(named).toHaveLength(21);
  expect(named[0]).toBe('unknown field "zz0"');
  expect(named[19]).toBe('unknown field "zz19"');
  expect(named[20]).toBe("and more unknown fields");
});

test("a misspelling of the same length still gets its suggestion", () => {
  expect(warningOf(deployment({ stauts: "failure" })).message).toBe(
    'unknown field "stauts" (did you mean "status"?)',
  );
});
