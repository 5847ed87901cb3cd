// The real parsers: `promtool check metrics` lints the text format, and `promtool tsdb
// create-blocks-from openmetrics` (Prometheus's backfill) parses the OpenMetrics output.
// promtool comes with the Debian package `prometheus`; without it the test skips locally and
// fails in CI, where a silent skip would hide a broken exposition.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";
import { requireBinary } from "../support/binaries.ts";
import { countingService, handSnapshot } from "./helpers.ts";

// Skips with a printed reason locally, throws under CI=true (see test/support/binaries.ts).
const promtool =
  requireBinary("promtool", "the exposition is not checked by Prometheus's own parsers") ?? "";

async function scrape(): Promise<{ text: string; openMetrics: string }> {
  const { service, self } = countingService({
    compute: (_records, asOf) => {
      const snapshot = handSnapshot(asOf);
      snapshot.samples.push({
        name: KPI.controlCost.name,
        labels: { window: "7d", currency: "EUR", control: "sast" },
        value: 12.5,
      });
      return snapshot;
    },
  });
  // The runtime part too (process_*, nodejs_*, request durations), as serve shows it.
  self.collectRuntime();
  self.httpRequest("/metrics", 200, 0.012);
  self.apiRequest("github", "ok", 3);
  self.rejected("cost", "unknown_currency");
  self.collectorRun("github", { ok: true, durationSeconds: 1.25, finishedAt: Date.now() });
  await service.refresh();
  return {
    text: (await service.scrape("text")) ?? "",
    openMetrics: (await service.scrape("openmetrics")) ?? "",
  };
}

const workDir = mkdtempSync(join(tmpdir(), "kpi-promtool-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.skipIf(promtool === "")("promtool", () => {
  it("is installed", () => {
    expect(promtool, "promtool is required when CI=true").not.toBe("");
  });

  it("check metrics reports nothing on /metrics, quantile families included", async () => {
    const { text } = await scrape();
    expect(text).toContain('quantile="');
    expect(text).toContain(
      'kpi_exporter_http_request_duration_seconds_bucket{le="0.025",route="/metrics"} 1',
    );
    expect(text).toContain("# TYPE process_cpu_user_seconds_total counter");
    const run = spawnSync(promtool, ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(`${run.stdout}${run.stderr}`).toBe("");
    expect(run.status).toBe(0);
  });

  it("Prometheus's OpenMetrics parser accepts the OpenMetrics exposition", async () => {
    const { openMetrics } = await scrape();
    expect(openMetrics).toContain("# TYPE process_cpu_user_seconds counter");
    expect(openMetrics.indexOf("# EOF")).toBe(openMetrics.length - "# EOF\n".length);
    // Backfill needs a timestamp on every sample; the structure is otherwise what we serve.
    const stamped = openMetrics
      .split("\n")
      .map((line) => (line === "" || line.startsWith("#") ? line : `${line} 1782777600`))
      .join("\n");
    const input = join(workDir, "scrape.om");
    writeFileSync(input, stamped);
    const run = spawnSync(
      promtool,
      ["tsdb", "create-blocks-from", "openmetrics", input, join(workDir, "blocks")],
      {
        encoding: "utf8",
      },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/NUM SERIES/);
  });
});
