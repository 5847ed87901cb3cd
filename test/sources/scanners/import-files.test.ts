import { readFile, utimes } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { ImportContext } from "../../../src/import/index.ts";
import { importFormat } from "../../../src/sources/import-formats.ts";
import { testContext, tmpFile } from "../../import/helpers.ts";
import { REPO } from "../../support/cli.ts";

// The importer on its own: what a bad report looks like to the user (file, line, field),
// that a rejected report stores nothing, and how a report without a time is dated.

const fixture = (name: string) => readFile(join(REPO, "test/fixtures/scanners", name), "utf8");
const trivy = importFormat("trivy").run;
const sarif = importFormat("sarif").run;
const checkout = { service: "checkout" };

async function nothingStored(ctx: ImportContext) {
  expect((await ctx.store.counts()).vulnerability).toBe(0);
  expect(await ctx.store.scans("checkout", "trivy:container_image:ghcr.io/acme/checkout")).toEqual(
    [],
  );
}

test("a finding without its id rejects the report, naming file, line and field", async () => {
  const ctx = await testContext();
  const report = JSON.parse(await fixture("trivy-checkout-2026-06-10.json"));
  delete report.Results[1].Vulnerabilities[2].VulnerabilityID;
  const text = JSON.stringify(report, null, 2);
  const path = await tmpFile("b.json", text);
  const result = await trivy([path], ctx, checkout);
  // The object lacking the id opens on the line before its (now first) member PkgID.
  const line = text.split("\n").findIndex((l) => l.includes('"PkgID": "path-to-regexp@'));
  expect(result.rejected).toEqual([
    {
      source: path,
      line,
      kind: "vulnerability",
      field: "Results[1].Vulnerabilities[2].VulnerabilityID",
      code: "invalid_field",
      message: "Results[1].Vulnerabilities[2].VulnerabilityID: required",
    },
  ]);
  await nothingStored(ctx);
});

test("broken JSON names its line; an old Trivy schema and a bare array say what is needed", async () => {
  const ctx = await testContext();
  const text = await fixture("trivy-checkout-2026-06-25.json");
  const broken = await tmpFile(
    "broken.json",
    text.replace('"Status": "fixed",', '"Status": "fixed"'),
  );
  const v1 = await tmpFile("v1.json", text.replace('"SchemaVersion": 2', '"SchemaVersion": 1'));
  const bare = await tmpFile("bare.json", "[]");
  const result = await trivy([broken, v1, bare], ctx, checkout);
  const statusLine = text.split("\n").findIndex((l) => l.includes('"Status": "fixed"')) + 2;
  expect(result.rejected.map((r) => [r.line, r.code, r.field])).toEqual([
    [statusLine, "invalid_json", undefined], // the error is at the next member
    [2, "invalid_field", "SchemaVersion"],
    [1, "invalid_field", undefined],
  ]);
  expect(result.rejected[1]?.message).toMatch(/expected 2: this importer reads Trivy JSON/);
  expect(result.rejected[2]?.message).toMatch(/bare array is the output of Trivy before 0.20/);
  await nothingStored(ctx);
});

test("a service outside the catalogue stops the import before any file is read", async () => {
  const ctx = await testContext();
  await expect(trivy(["/nonexistent.json"], ctx, { service: "nope" })).rejects.toThrow(
    "--service nope: not in the catalogue",
  );
});

test("a different report at the same instant is refused; the stored scan stays", async () => {
  const ctx = await testContext();
  const text = await fixture("trivy-checkout-2026-06-25.json");
  const first = await tmpFile("c.json", text);
  expect((await trivy([first], ctx, checkout)).rejected).toEqual([]);
  const before = await ctx.store.load();
  const other = await tmpFile("c2.json", text.replace('"Severity": "HIGH"', '"Severity": "LOW"'));
  const result = await trivy([other], ctx, checkout);
  expect(result.rejected[0]?.message).toMatch(
    /scan time 2026-06-25T08:00:00.000Z is already the time of another scan .*\(.*c\.json\)/,
  );
  expect(await ctx.store.load()).toStrictEqual(before);
});

test("a failed SARIF run, or one without results, shows nothing as fixed", async () => {
  const ctx = await testContext();
  const log = JSON.parse(await fixture("codeql-payments-api-2026-06-20.sarif"));
  log.runs[0].invocations[0].executionSuccessful = false;
  const failed = await tmpFile("failed.sarif", JSON.stringify(log, null, 2));
  log.runs[0].invocations[0].executionSuccessful = true;
  delete log.runs[0].results;
  const empty = await tmpFile("empty.sarif", JSON.stringify(log, null, 2));
  const result = await sarif([failed, empty], ctx, checkout);
  expect(result.rejected.map((r) => r.field)).toEqual([
    "runs[0].invocations[0].executionSuccessful",
    "runs[0].results",
  ]);
  expect(result.rejected[1]?.message).toMatch(/a run without results did not complete/);
  expect((await ctx.store.counts()).vulnerability).toBe(0);
});

test("a report without a time is dated by its file's modification time at first import", async () => {
  const ctx = await testContext();
  const path = await tmpFile("semgrep.sarif", await fixture("semgrep-billing.sarif"));
  const first = new Date("2026-06-02T09:30:00Z");
  await utimes(path, first, first);
  await sarif([path], ctx, { service: "billing" });
  // Copied again later: the same bytes are the same scan, whatever the file's time now.
  const later = new Date("2026-06-15T00:00:00Z");
  await utimes(path, later, later);
  const again = await sarif([path], ctx, { service: "billing" });
  expect(again).toMatchObject({ written: 0, unchanged: 1, rejected: [] });
  const [finding] = (await ctx.store.load()).vulnerabilities;
  // No security-severity on the Semgrep rule: level warning → medium.
  expect(finding).toMatchObject({
    service: "billing",
    severity: "medium",
    openedAt: first.getTime(),
    source: "Semgrep OSS",
    url: "https://semgrep.dev/r/python.lang.security.audit.formatted-sql-query.formatted-sql-query",
  });
  expect(finding?.fixedAt).toBeUndefined();
});
