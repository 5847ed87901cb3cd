import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderSelf } from "../../src/http/render.ts";
import { SelfMetrics } from "../../src/http/self-metrics.ts";
import { seriesLines } from "./helpers.ts";

const packageVersion: string = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
).version;

async function lines(self: SelfMetrics): Promise<string[]> {
  return seriesLines((await renderSelf(self)).text);
}

describe("SelfMetrics", () => {
  it("reports build info and the counters whose labels are known at 0, nothing else at start", async () => {
    const all = await lines(new SelfMetrics());
    // 7 record kinds and "unknown", times the 11 reason codes (decisions 68, 139 and 151).
    const kinds = [
      "deployment",
      "change",
      "incident",
      "check",
      "vulnerability",
      "cost",
      "experiment",
      "unknown",
    ];
    const reasons = [
      "invalid_json",
      "unknown_kind",
      "invalid_field",
      "unknown_service",
      "unknown_currency",
      "sample_ratio_mismatch",
      "unknown_field", // import.strict (decision 139)
      "limit_exceeded", // hostile input (decision 151)
      "invalid_encoding",
      "time_order",
      "conflicting_duplicate",
    ];
    expect(all).toEqual([
      `kpi_exporter_build_info{version="${packageVersion}"} 1`,
      ...kinds.flatMap((kind) =>
        reasons.map(
          (reason) => `kpi_exporter_rejected_records_total{kind="${kind}",reason="${reason}"} 0`,
        ),
      ),
      'kpi_exporter_http_requests_total{route="/metrics",code="200"} 0',
      'kpi_exporter_http_requests_total{route="/metrics",code="500"} 0',
      'kpi_exporter_http_requests_total{route="/metrics",code="503"} 0',
    ]);
  });

  it("declares started collectors: requests at 0 per outcome, up 0, no success or duration yet", async () => {
    const self = new SelfMetrics();
    self.collectorsStarted(["github", "opencost"]);
    const collectorLines = async () =>
      (await lines(self)).filter((l) => /collector|api_requests/.test(l));
    const requests = (collector: string, n: Record<string, number> = {}) =>
      ["ok", "not_modified", "error", "rate_limited"].map(
        (outcome) =>
          `kpi_exporter_api_requests_total{collector="${collector}",outcome="${outcome}"} ${n[outcome] ?? 0}`,
      );
    expect(await collectorLines()).toEqual([
      'kpi_exporter_collector_up{collector="github"} 0',
      'kpi_exporter_collector_up{collector="opencost"} 0',
      'kpi_exporter_collector_running{collector="github"} 0',
      'kpi_exporter_collector_running{collector="opencost"} 0',
      ...requests("github"),
      ...requests("opencost"),
    ]);
    self.collectorStarted("github", 1_699_999_997_000);
    expect(await collectorLines()).toContain(
      'kpi_exporter_collector_running{collector="github"} 1',
    );
    expect(await collectorLines()).toContain(
      'kpi_exporter_collector_run_started_timestamp_seconds{collector="github"} 1699999997',
    );
    self.apiRequest("github", "ok", 2);
    self.collectorRun("github", { ok: true, durationSeconds: 3, finishedAt: 1_700_000_000_000 });
    // Leading again without stopping keeps a reported run rather than zeroing it.
    self.collectorsStarted(["github", "opencost"]);
    expect(await collectorLines()).toEqual([
      'kpi_exporter_collector_up{collector="github"} 1',
      'kpi_exporter_collector_up{collector="opencost"} 0',
      'kpi_exporter_collector_last_success_timestamp_seconds{collector="github"} 1700000000',
      'kpi_exporter_collector_duration_seconds{collector="github"} 3',
      'kpi_exporter_collector_running{collector="github"} 0',
      'kpi_exporter_collector_running{collector="opencost"} 0',
      'kpi_exporter_collector_run_started_timestamp_seconds{collector="github"} 1699999997',
      ...requests("github", { ok: 2 }),
      ...requests("opencost"),
    ]);
  });

  it("drops a stopped collector's gauges and keeps its counters", async () => {
    const self = new SelfMetrics();
    self.collectorsStarted(["github"]);
    self.apiRequest("github", "error");
    self.rateLimitRemaining("github", 4000);
    self.collectorRun("github", { ok: false, durationSeconds: 1, finishedAt: 1_700_000_000_000 });
    self.collectorsStopped(["github"]);
    expect((await lines(self)).filter((l) => l.includes('collector="github"'))).toEqual([
      'kpi_exporter_api_requests_total{collector="github",outcome="ok"} 0',
      'kpi_exporter_api_requests_total{collector="github",outcome="not_modified"} 0',
      'kpi_exporter_api_requests_total{collector="github",outcome="error"} 1',
      'kpi_exporter_api_requests_total{collector="github",outcome="rate_limited"} 0',
    ]);
    // Leading again: up is 0 until this lead's first run succeeds.
    self.collectorsStarted(["github"]);
    expect(await lines(self)).toContain('kpi_exporter_collector_up{collector="github"} 0');
  });

  it("counts answers by route and status code", async () => {
    const self = new SelfMetrics({ version: "1.2.3" });
    self.httpRequest("/metrics", 200);
    self.httpRequest("/metrics", 200);
    self.httpRequest("other", 404);
    const http = (await lines(self)).filter((l) => l.startsWith("kpi_exporter_http"));
    expect(http).toContain('kpi_exporter_http_requests_total{route="/metrics",code="200"} 2');
    expect(http).toContain('kpi_exporter_http_requests_total{route="other",code="404"} 1');
  });

  it("moves last success only when a collector run succeeds", async () => {
    const self = new SelfMetrics({ version: "1.2.3" });
    self.collectorRun("github", { ok: true, durationSeconds: 2.5, finishedAt: 1_700_000_000_000 });
    self.collectorRun("github", { ok: false, durationSeconds: 0.5, finishedAt: 1_700_000_600_000 });
    self.collectorRun("pagerduty", {
      ok: false,
      durationSeconds: 1,
      finishedAt: 1_700_000_000_000,
    });
    const all = await lines(self);
    expect(all).toContain('kpi_exporter_collector_up{collector="github"} 0');
    expect(all).toContain('kpi_exporter_collector_duration_seconds{collector="github"} 0.5');
    expect(all).toContain(
      'kpi_exporter_collector_last_success_timestamp_seconds{collector="github"} 1700000000',
    );
    expect(
      all.some((l) => l.includes('last_success_timestamp_seconds{collector="pagerduty"}')),
    ).toBe(false);
  });

  it("counts API requests and rejections, keeps _total in both formats", async () => {
    const self = new SelfMetrics();
    self.apiRequest("github", "ok");
    self.apiRequest("github", "ok", 4);
    self.apiRequest("github", "rate_limited");
    self.rejected("cost", "unknown_currency", 3);
    const { text, openMetrics } = await renderSelf(self);
    for (const exposition of [text, openMetrics]) {
      const all = seriesLines(exposition);
      expect(all).toContain('kpi_exporter_api_requests_total{collector="github",outcome="ok"} 5');
      expect(all).toContain(
        'kpi_exporter_api_requests_total{collector="github",outcome="rate_limited"} 1',
      );
      expect(all).toContain(
        'kpi_exporter_rejected_records_total{kind="cost",reason="unknown_currency"} 3',
      );
    }
    expect(openMetrics).toContain("# TYPE kpi_exporter_api_requests counter\n");
    // Rendering OpenMetrics must not rename the long-lived counters for the next text scrape.
    expect((await renderSelf(self)).text).toContain(
      "# TYPE kpi_exporter_api_requests_total counter",
    );
  });

  it("replaces record counts and sets the snapshot timestamp in seconds", async () => {
    const self = new SelfMetrics();
    self.rateLimitRemaining("github", 4321);
    self.recordCounts({ deployment: 10, change: 20 });
    self.recordCounts({ deployment: 11 });
    self.snapshotServed(Date.parse("2026-06-30T00:00:00Z"));
    const all = await lines(self);
    expect(all).toContain('kpi_exporter_records{kind="deployment"} 11');
    expect(all.some((l) => l.startsWith('kpi_exporter_records{kind="change"}'))).toBe(false);
    expect(all).toContain("kpi_exporter_snapshot_timestamp_seconds 1782777600");
    expect(all).toContain('kpi_exporter_api_rate_limit_remaining{collector="github"} 4321');
  });

  it("reports the evidence ledger's head, pending deployments and failed appends", async () => {
    const self = new SelfMetrics();
    const ledger = async () =>
      (await lines(self)).filter((l) => l.startsWith("kpi_exporter_evidence_ledger_"));
    self.ledgerAppendFailed(7);
    // No append has committed yet, so there is no head to show.
    expect(await ledger()).toEqual([
      "kpi_exporter_evidence_ledger_pending_records 7",
      "kpi_exporter_evidence_ledger_append_failures_total 1",
    ]);
    self.ledgerAppended(12);
    self.ledgerAppendFailed(3);
    self.ledgerAppendFailed(2);
    expect(await ledger()).toEqual([
      "kpi_exporter_evidence_ledger_head_sequence 12",
      "kpi_exporter_evidence_ledger_pending_records 2",
      "kpi_exporter_evidence_ledger_append_failures_total 3",
    ]);
    self.ledgerAppended(15);
    const { text, openMetrics } = await renderSelf(self);
    expect(seriesLines(text)).toContain("kpi_exporter_evidence_ledger_head_sequence 15");
    expect(seriesLines(text)).toContain("kpi_exporter_evidence_ledger_pending_records 0");
    expect(openMetrics).toContain("kpi_exporter_evidence_ledger_append_failures_total 3\n");
    expect(openMetrics).toContain("# TYPE kpi_exporter_evidence_ledger_append_failures counter\n");
  });

  it("shows the ledger's failure counter at 0 from the first committed append", async () => {
    const self = new SelfMetrics();
    self.ledgerAppended(0);
    expect((await lines(self)).filter((l) => l.includes("evidence_ledger"))).toEqual([
      "kpi_exporter_evidence_ledger_head_sequence 0",
      "kpi_exporter_evidence_ledger_pending_records 0",
      "kpi_exporter_evidence_ledger_append_failures_total 0",
    ]);
  });
});
