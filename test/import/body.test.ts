import { expect, test } from "vitest";
import { importBody } from "../../src/sources/import-events.ts";
import { FULL_LINES } from "./full-lines.ts";
import { testContext } from "./helpers.ts";

// Bodies posted to /api/v1/events: one JSON object, or NDJSON.

test("a single, pretty-printed JSON object is one record", async () => {
  const ctx = await testContext();
  const report = await importBody(JSON.stringify(FULL_LINES.deployment, null, 2), ctx);
  expect(report).toMatchObject({ written: 1, rejected: [] });
  expect(report.accepted.deployment).toBe(1);
});

test("an invalid single object is rejected at line 1 of the request", async () => {
  const ctx = await testContext();
  const body = JSON.stringify({ ...FULL_LINES.deployment, finishedAt: "yesterday" }, null, 2);
  const report = await importBody(body, ctx);
  expect(report.rejected).toEqual([
    expect.objectContaining({ source: "request", line: 1, field: "finishedAt" }),
  ]);
});

test("an NDJSON body stores its valid lines and numbers the others", async () => {
  const ctx = await testContext();
  const body = [
    JSON.stringify(FULL_LINES.change),
    "",
    JSON.stringify({ kind: "sbom" }),
    JSON.stringify(FULL_LINES.incident),
    "",
  ].join("\r\n");
  const report = await importBody(body, ctx);
  expect(report.accepted).toMatchObject({ change: 1, incident: 1 });
  expect(report.rejected).toEqual([
    expect.objectContaining({ source: "request", line: 3, code: "unknown_kind" }),
  ]);
});

test("an empty body imports nothing", async () => {
  const ctx = await testContext();
  const report = await importBody("  \n", ctx);
  expect(report).toMatchObject({ written: 0, unchanged: 0, rejected: [] });
});
