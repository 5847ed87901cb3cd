import { expect, test } from "vitest";
import { IMPORT_BATCH_SIZE, importLines } from "../../src/import/index.ts";
import { importFiles } from "../../src/sources/import-events.ts";
import type { Store } from "../../src/store/store.ts";
import { FULL_LINES } from "./full-lines.ts";
import { ndjson, testContext, tmpFile } from "./helpers.ts";

const ms = (iso: string) => Date.parse(iso);
const allLines = () => ndjson(...Object.values(FULL_LINES));

test("accepts every kind with its optional fields and stores domain records", async () => {
  const ctx = await testContext();
  const report = await importFiles([await tmpFile("all.ndjson", allLines())], ctx);
  expect(report.rejected).toEqual([]);
  expect(report.accepted).toEqual({
    deployment: 1,
    change: 1,
    incident: 1,
    check: 1,
    vulnerability: 1,
    cost: 1,
    experiment: 1,
  });
  expect(report).toMatchObject({ written: 7, unchanged: 0 });
  const stored = await ctx.store.load();
  expect(stored.deployments).toStrictEqual([
    {
      id: "dep-1",
      service: "checkout",
      environment: "production",
      finishedAt: ms("2026-03-01T10:00:00.123Z"),
      commitSha: "abc1234",
      startedAt: ms("2026-03-01T09:55:00Z"),
      status: "failure",
      changes: ["chg-1"],
      rollbackOf: "dep-0",
      triggeredBy: "alice",
      approvals: [{ by: "bob", at: ms("2026-03-01T09:50:00Z") }],
      url: "https://ci.example/1",
    },
  ]);
  expect(stored.changes[0]).toMatchObject({
    commits: [{ sha: "aaa", authoredAt: ms("2026-02-27T11:00:00Z") }],
    linkedItems: [{ id: "PAY-1", createdAt: ms("2026-02-20T00:00:00Z") }, { id: "PAY-2" }],
    reverts: "chg-0",
  });
  expect(stored.incidents[0]).toMatchObject({ resolvedAt: ms("2026-03-01T12:30:00Z") });
  expect(stored.checks[0]).toMatchObject({ service: "checkout", url: FULL_LINES.check.url });
  expect(stored.vulnerabilities[0]).toMatchObject({ dismissedReason: "false positive" });
  expect(stored.costs[0]).toMatchObject({ id: "cost-1", amount: 60, originalAmount: 120 });
  expect(stored.experiments[0]).toMatchObject({ currency: "EUR", controlMean: 5, ciHigh: 2.5 });
});

test("fills contract defaults for absent optional fields", async () => {
  const ctx = await testContext();
  const { status: _s, approvals: _a, ...deployment } = FULL_LINES.deployment;
  const change = { kind: "change", id: "c", service: "plain", mergedAt: "2026-03-01T00:00:00Z" };
  await importLines([JSON.stringify(deployment), JSON.stringify(change)], "test", ctx);
  const stored = await ctx.store.load();
  expect(stored.deployments[0]).toMatchObject({ status: "success", approvals: [] });
  expect(stored.changes[0]).toStrictEqual({
    id: "c",
    service: "plain",
    mergedAt: ms("2026-03-01T00:00:00Z"),
    labels: [],
    commits: [],
    linkedItems: [],
    approvals: [],
  });
});

test("skips blank lines without losing line numbers", async () => {
  const ctx = await testContext();
  const text = `\n${JSON.stringify(FULL_LINES.check)}\n   \n{"kind":"check"}\r\n\n`;
  const report = await importFiles([await tmpFile("blank.ndjson", text)], ctx);
  expect(report.accepted.check).toBe(1);
  expect(report.rejected).toHaveLength(1);
  expect(report.rejected[0]).toMatchObject({ line: 4, kind: "check", code: "invalid_field" });
});

test("stores the valid lines of a file that also has invalid ones", async () => {
  const ctx = await testContext();
  const lines = [
    JSON.stringify(FULL_LINES.incident),
    "{not json",
    JSON.stringify(FULL_LINES.vulnerability),
    JSON.stringify({ ...FULL_LINES.incident, id: "inc-2", service: "nowhere" }),
  ];
  const path = await tmpFile("mixed.ndjson", `\uFEFF${lines.join("\n")}`);
  const report = await importFiles([path], ctx);
  expect(report.rejected.map((r) => [r.source, r.line, r.code])).toEqual([
    [path, 2, "invalid_json"],
    [path, 4, "unknown_service"],
  ]);
  expect(report.written).toBe(2);
  expect(await ctx.store.counts()).toMatchObject({ incident: 1, vulnerability: 1 });
});

test("importing the same file twice writes nothing the second time", async () => {
  const ctx = await testContext();
  const { id: _id, ...costWithoutId } = FULL_LINES.cost;
  const path = await tmpFile("twice.ndjson", `${allLines()}\n${JSON.stringify(costWithoutId)}`);
  const first = await importFiles([path], ctx);
  const before = await ctx.store.load();
  const second = await importFiles([path], ctx);
  expect(first).toMatchObject({ written: 8, unchanged: 0 });
  expect(second).toMatchObject({ written: 0, unchanged: 8, rejected: [] });
  expect(await ctx.store.load()).toStrictEqual(before);
});

test("a store failure names the lines and keeps the batches stored before it", async () => {
  const ctx = await testContext();
  let calls = 0;
  const failingSecondBatch: Store = {
    ...ctx.store,
    backend: ctx.store.backend,
    upsert: (records) => {
      calls += 1;
      return calls === 2 ? Promise.reject(new Error("disk full")) : ctx.store.upsert(records);
    },
  };
  const lines = Array.from({ length: IMPORT_BATCH_SIZE * 2 + 500 }, (_, i) =>
    JSON.stringify({ ...FULL_LINES.check, name: `check-${i}` }),
  );
  await expect(
    importLines(lines, "big.ndjson", { ...ctx, store: failingSecondBatch }),
  ).rejects.toThrow("store records from big.ndjson lines 2001-4000: disk full");
  expect((await ctx.store.counts()).check).toBe(IMPORT_BATCH_SIZE);
});
