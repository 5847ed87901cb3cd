import { expect, test } from "vitest";
import { importLines, type Rejection } from "../../src/import/index.ts";
import { FULL_LINES } from "./full-lines.ts";
import { testConfig, testContext } from "./helpers.ts";

// Every rejection code, with the line, field and kind an operator needs to fix the input.

async function rejectionsOf(lines: unknown[], config = testConfig()): Promise<Rejection[]> {
  const ctx = await testContext(config);
  const text = lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line)));
  return (await importLines(text, "input.ndjson", ctx)).rejected;
}

test("invalid_json: unparseable lines and lines that are not objects", async () => {
  const rejected = await rejectionsOf(["{oops", "[1, 2]", '"text"']);
  expect(rejected.map((r) => [r.line, r.code, r.kind, r.field])).toEqual([
    [1, "invalid_json", undefined, undefined],
    [2, "invalid_json", undefined, undefined],
    [3, "invalid_json", undefined, undefined],
  ]);
  expect(rejected[0]).toMatchObject({
    source: "input.ndjson",
    message: expect.stringMatching(/JSON/),
  });
  expect(rejected[1]?.message).toBe("expected a JSON object");
});

test("unknown_kind: a kind outside the contract, or none at all", async () => {
  const rejected = await rejectionsOf([{ kind: "deploy", id: "x" }, { id: "y" }]);
  expect(rejected).toEqual([
    expect.objectContaining({ line: 1, code: "unknown_kind", field: "kind" }),
    expect.objectContaining({
      line: 2,
      code: "unknown_kind",
      field: "kind",
      message: "missing kind",
    }),
  ]);
  expect(rejected[0]?.message).toMatch(/"deploy"/);
  // Free text from the input never becomes the kind: it ends up as a metric label.
  expect(rejected[0]).not.toHaveProperty("kind");
});

test("invalid_field: names the nested field path and the reason", async () => {
  const noOffset = { by: "bob", at: "2026-03-01T09:50:00" };
  const { commitSha: _c, ...withoutSha } = FULL_LINES.deployment;
  const rejected = await rejectionsOf([
    { ...FULL_LINES.deployment, approvals: [FULL_LINES.deployment.approvals[0], noOffset] },
    withoutSha,
    { ...FULL_LINES.vulnerability, severity: "urgent" },
    { ...FULL_LINES.cost, category: "saas" },
    { ...FULL_LINES.cost, periodEnd: "2026-02-28T00:00:00Z" },
    { ...FULL_LINES.experiment, controlMean: "10" },
    { ...FULL_LINES.change, labels: [1] },
  ]);
  expect(rejected.map((r) => [r.line, r.kind, r.code, r.field])).toEqual([
    [1, "deployment", "invalid_field", "approvals[1].at"],
    [2, "deployment", "invalid_field", "commitSha"],
    [3, "vulnerability", "invalid_field", "severity"],
    [4, "cost", "invalid_field", "category"],
    [5, "cost", "time_order", "periodEnd"],
    [6, "experiment", "invalid_field", "controlMean"],
    [7, "change", "invalid_field", "labels[0]"],
  ]);
  expect(rejected[0]?.message).toMatch(
    /^approvals\[1\]\.at: expected an ISO-8601 time with offset/,
  );
  expect(rejected[1]?.message).toBe("commitSha: required");
  expect(rejected[2]?.message).toMatch(/critical/);
});

test("null counts as an absent optional field, not as a value", async () => {
  const ctx = await testContext();
  const line = { ...FULL_LINES.incident, resolvedAt: null, title: null };
  const report = await importLines([JSON.stringify(line)], "nulls", ctx);
  expect(report.rejected).toEqual([]);
  const [incident] = (await ctx.store.load()).incidents;
  expect(incident).not.toHaveProperty("resolvedAt");
  expect(incident).not.toHaveProperty("title");
});

test("unknown_service: rejected by default, for every kind that names a service", async () => {
  const elsewhere = { service: "ghost" };
  const rejected = await rejectionsOf([
    { ...FULL_LINES.deployment, ...elsewhere },
    { ...FULL_LINES.check, ...elsewhere },
    { ...FULL_LINES.cost, ...elsewhere },
    { ...FULL_LINES.check, service: undefined },
  ]);
  expect(rejected.map((r) => [r.line, r.kind, r.code, r.field])).toEqual([
    [1, "deployment", "unknown_service", "service"],
    [2, "check", "unknown_service", "service"],
    [3, "cost", "unknown_service", "service"],
  ]);
  expect(rejected[0]?.message).toMatch(/"ghost"/);
});

test("unknown_service: stored as is when the catalogue accepts unknown services", async () => {
  const config = testConfig({ catalogue: { accept_unknown_services: true } });
  const ctx = await testContext(config);
  const line = { ...FULL_LINES.vulnerability, service: "ghost" };
  const report = await importLines([JSON.stringify(line)], "input", ctx);
  expect(report.rejected).toEqual([]);
  expect((await ctx.store.load()).vulnerabilities[0]?.service).toBe("ghost");
});

test("unknown_currency: names the currency that has no rate", async () => {
  const rejected = await rejectionsOf([
    { ...FULL_LINES.cost, currency: "GBP" },
    { ...FULL_LINES.experiment, currency: "JPY" },
    { ...FULL_LINES.cost, currency: "pounds" },
  ]);
  expect(rejected.map((r) => [r.line, r.kind, r.code, r.field])).toEqual([
    [1, "cost", "unknown_currency", "currency"],
    [2, "experiment", "unknown_currency", "currency"],
    [3, "cost", "invalid_field", "currency"],
  ]);
  expect(rejected[0]?.message).toMatch(/GBP/);
  expect(rejected[1]?.message).toMatch(/JPY/);
});
