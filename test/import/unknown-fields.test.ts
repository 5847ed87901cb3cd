import { describe, expect, it } from "vitest";
import { importLines } from "../../src/import/index.ts";
import { importBody, importFiles } from "../../src/sources/import-events.ts";
import { deployed } from "../sources/cdevents/events.ts";
import { storeBackends } from "../support/store-backends.ts";
import { FULL_LINES } from "./full-lines.ts";
import { ndjson, testConfig, tmpFile } from "./helpers.ts";

// Import strictness (METRICS.md decisions 139 and 140): an unknown field is reported on its
// line with the nearest known name, the line is stored without it, or rejected under
// --strict / import.strict while the valid lines are stored; enumerations take any case.
// On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.

const BACKENDS = storeBackends("kpi_unknown_fields_test");

const deployment = (id: string, extra: object = {}) => ({
  kind: "deployment",
  id,
  service: "checkout",
  environment: "production",
  finishedAt: "2026-06-01T10:00:00Z",
  commitSha: `${id}00`,
  ...extra,
});

/** Lines with unknown fields at each level the schemas define, and one clean line. */
const TYPOS = [
  deployment("d1", {
    stauts: "failure",
    approvals: [{ by: "bob", at: "2026-06-01T09:00:00Z", bye: "x" }],
  }),
  deployment("d2", { rollback_of: "d1", pipeline: "build-7" }),
  {
    ...FULL_LINES.change,
    commits: [{ sha: "aaa", authoredAt: "2026-02-27T11:00:00Z", author: "alice" }],
    linkedItems: [{ id: "PAY-1", createdat: "2026-02-20T00:00:00Z" }],
  },
  { ...FULL_LINES.cost, tags: { anything: "goes", app: "checkout" } },
];

const WARNINGS = [
  {
    line: 1,
    kind: "deployment",
    field: "stauts",
    message:
      'unknown field "stauts" (did you mean "status"?); approvals[0]: unknown field "bye" (did you mean "by"?)',
  },
  {
    line: 2,
    kind: "deployment",
    field: "rollback_of",
    message: 'unknown field "rollback_of" (did you mean "rollbackOf"?); unknown field "pipeline"',
  },
  {
    line: 3,
    kind: "change",
    field: "commits[0].author",
    message:
      'commits[0]: unknown field "author"; linkedItems[0]: unknown field "createdat" (did you mean "createdAt"?)',
  },
].map((w) => ({ source: "typos.ndjson", code: "unknown_field", ...w }));

const text = (...lines: object[]) => lines.map((line) => JSON.stringify(line));

describe.each(BACKENDS)("import strictness ($name)", (backend) => {
  const open = backend.open;

  it("by default stores each line without its unknown fields and warns once per line", async () => {
    const ctx = { store: await open(), config: testConfig() };
    const report = await importLines(text(...TYPOS), "typos.ndjson", ctx);
    expect(report.rejected).toEqual([]);
    expect(report.warnings).toEqual(WARNINGS);
    expect(report.accepted).toMatchObject({ deployment: 2, change: 1, cost: 1 });
    const stored = await ctx.store.load();
    // What the warning is for: the misspelt status was not read, so d1 is a success.
    expect(stored.deployments.map((d) => [d.id, d.status, d.rollbackOf])).toEqual([
      ["d1", "success", undefined],
      ["d2", "success", undefined],
    ]);
    expect(stored.changes[0]?.linkedItems).toStrictEqual([{ id: "PAY-1" }]);
  });

  it("--strict rejects those lines, stores the clean one and keeps what was stored", async () => {
    const ctx = { store: await open(), config: testConfig() };
    await importLines(text(deployment("d1", { status: "failure" })), "first.ndjson", ctx);
    const report = await importLines(text(...TYPOS), "typos.ndjson", { ...ctx, strict: true });
    expect(report.warnings).toEqual([]);
    expect(report.rejected).toEqual(WARNINGS);
    expect(report.accepted).toMatchObject({ deployment: 0, change: 0, cost: 1 });
    const stored = await ctx.store.load();
    expect(stored.deployments.map((d) => [d.id, d.status])).toEqual([["d1", "failure"]]);
    expect(stored.changes).toEqual([]);
    expect(stored.costs.map((c) => c.id)).toEqual(["cost-1"]);
  });

  it("the config switch import.strict rejects them too", async () => {
    const ctx = { store: await open(), config: testConfig({ import: { strict: true } }) };
    const report = await importLines(text(...TYPOS), "typos.ndjson", ctx);
    expect(report.rejected.map((r) => [r.line, r.code])).toEqual([
      [1, "unknown_field"],
      [2, "unknown_field"],
      [3, "unknown_field"],
    ]);
    expect((await ctx.store.load()).costs).toHaveLength(1);
  });

  it("a misspelt required field is rejected naming the field and its misspelling", async () => {
    const ctx = { store: await open(), config: testConfig() };
    const { finishedAt, ...rest } = deployment("d1");
    const report = await importLines(text({ ...rest, finshedAt: finishedAt }), "x", ctx);
    expect(report.rejected).toEqual([
      {
        source: "x",
        line: 1,
        kind: "deployment",
        code: "invalid_field",
        field: "finishedAt",
        message: 'finishedAt: required; unknown field "finshedAt" (did you mean "finishedAt"?)',
      },
    ]);
  });

  it("enumerations and the kind accept any case and are stored in lower case", async () => {
    const ctx = { store: await open(), config: testConfig() };
    const report = await importLines(
      text(
        deployment("d1", { kind: "Deployment", status: "FAILURE" }),
        { ...FULL_LINES.vulnerability, severity: "Critical" },
        { ...FULL_LINES.cost, category: "CI", control: "Required_Checks" },
        { ...FULL_LINES.check, conclusion: "SUCCESS" },
      ),
      "caps",
      ctx,
    );
    expect(report.rejected).toEqual([]);
    expect(report.warnings).toEqual([]);
    const stored = await ctx.store.load();
    expect(stored.deployments[0]?.status).toBe("failure");
    expect(stored.vulnerabilities[0]?.severity).toBe("critical");
    expect(stored.costs[0]).toMatchObject({ category: "ci", control: "required_checks" });
    expect(stored.checks[0]?.conclusion).toBe("success");
  });

  it("a JSON array file is one rejection naming the file and the fix; nothing is stored", async () => {
    const ctx = { store: await open(), config: testConfig() };
    const records = [deployment("d1"), deployment("d2")];
    const pretty = await tmpFile("events.json", `\n${JSON.stringify(records, null, 2)}\n`);
    const oneLine = await tmpFile("list", JSON.stringify(records));
    const report = await importFiles([pretty, oneLine], ctx);
    expect(report.rejected).toEqual([
      {
        source: pretty,
        line: 1,
        code: "invalid_json",
        message: `${pretty} is a JSON array, not NDJSON; nothing in it was imported: put one JSON object per line: jq -c '.[]' ${pretty} > ${pretty.replace(/json$/, "ndjson")}`,
      },
      {
        source: oneLine,
        line: 1,
        code: "invalid_json",
        message: `${oneLine} is a JSON array, not NDJSON; nothing in it was imported: put one JSON object per line: jq -c '.[]' ${oneLine} > ${oneLine}.ndjson`,
      },
    ]);
    expect((await ctx.store.load()).deployments).toEqual([]);
  });

  it("a request body that is a JSON array of records, valid or not, is one rejection", async () => {
    const ctx = { store: await open(), config: testConfig() };
    const message =
      "the body is a JSON array, not NDJSON; nothing in it was imported: send one JSON object per line (jq -c '.[]' FILE converts a file)";
    const expected = [{ source: "request", line: 1, code: "invalid_json", message }];
    const records = [deployment("d1"), deployment("d2")];
    expect((await importBody(JSON.stringify(records), ctx)).rejected).toEqual(expected);
    const trailingComma = `[\n${ndjson(...records).replace(/\n/g, ",\n")},\n]`;
    expect((await importBody(trailingComma, ctx)).rejected).toEqual(expected);
    expect((await ctx.store.load()).deployments).toEqual([]);
  });

  it("CDEvents: an unknown customData.kpi field warns with its pointer, or rejects under strict", async () => {
    const ctx = { store: await open(), config: testConfig() };
    const body = JSON.stringify([deployed({ id: "run-1", kpi: { stauts: "failure" } })]);
    const warning = {
      source: "request",
      line: 1,
      kind: "deployment",
      code: "unknown_field",
      field: "/customData/kpi/stauts",
      message: 'unknown field "stauts" (did you mean "status"?)',
    };
    const strict = await importBody(body, { ...ctx, strict: true });
    expect(strict.rejected).toEqual([warning]);
    expect((await ctx.store.load()).deployments).toEqual([]);
    const loose = await importBody(body, ctx);
    expect(loose).toMatchObject({ rejected: [], warnings: [warning] });
    expect((await ctx.store.load()).deployments.map((d) => d.id)).toEqual(["run-1"]);
  });
});
