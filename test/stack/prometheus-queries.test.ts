import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardQueries } from "../../src/dashboards/index.ts";
import { requireBinary } from "../support/binaries.ts";
import { REPO } from "../support/cli.ts";
import { type PrometheusServer, startPrometheus } from "../support/prometheus.ts";
import { substituteVariables } from "../support/promql.ts";
import { type ServeProcess, startExporter } from "../support/serve.ts";

// The proof that dashboards and rules work on real data: `kpi-exporter demo` at a fixed
// --as-of, scraped by a real Prometheus that loads the checked-in alerts/. Every query of
// every dashboard panel and variable, and every recording rule, must return data, unless
// it is listed below with the reason it is legitimately empty on the demo. Every rule must
// evaluate without error.

const AS_OF = "2026-06-30T00:00:00Z";
const ALERTS = join(REPO, "alerts");

/** Queries and recording rules that are empty on the demo, and why. Keys are metric names. */
const EMPTY_ON_DEMO: Record<string, string> = {
  kpi_exporter_api_requests_total: "the demo calls no external API",
  kpi_exporter_api_rate_limit_remaining: "the demo calls no external API",
  kpi_exporter_rejected_records_total: "the demo's data has nothing to reject",
};

const prometheus = requireBinary("prometheus", "dashboard queries and rules are not proven");
let exporter: ServeProcess;
let server: PrometheusServer;

beforeAll(async () => {
  if (!prometheus) return;
  exporter = await startExporter("demo", ["--as-of", AS_OF]);
  const ruleFiles = readdirSync(ALERTS)
    .filter((f) => f.endsWith(".rules.yml"))
    .map((f) => join(ALERTS, f));
  expect(ruleFiles.length, "alerts/ has rule files").toBeGreaterThan(0);
  server = await startPrometheus({
    scrapeTargets: [{ job: "kpi-exporter", url: `${exporter.base}/metrics` }],
    ruleFiles,
    scrapeInterval: "1s",
    evaluationInterval: "1s",
  });
  await server.waitForScrape("kpi-exporter", 60_000);
  // Two evaluations after two scrapes: rate() needs two samples, rules read other rules.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  await server.waitForRuleEvaluation(30_000);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await exporter?.stop();
});

/** Why an expression may be empty on the demo, or undefined when it must return data. */
function emptyBecause(expr: string): string | undefined {
  for (const [name, reason] of Object.entries(EMPTY_ON_DEMO))
    if (expr.includes(name)) return reason;
  return undefined;
}

describe.skipIf(!prometheus)("against a real Prometheus scraping the demo", () => {
  it("evaluates every rule without error", async () => {
    const groups = await server.rules();
    const broken = groups.flatMap((g) =>
      g.rules.filter((r) => r.health !== "ok").map((r) => `${g.name}/${r.name}: ${r.lastError}`),
    );
    expect(broken).toEqual([]);
    expect(groups.length).toBeGreaterThan(0);
  });

  it("every recording rule returns data, or is listed with its reason", async () => {
    const groups = await server.rules();
    const records = [
      ...new Set(
        groups.flatMap((g) => g.rules.filter((r) => r.type === "recording").map((r) => r.name)),
      ),
    ];
    expect(records.length).toBeGreaterThan(0);
    const unexplained: string[] = [];
    for (const record of records) {
      const samples = await server.vector(record);
      const reason = emptyBecause(record) ?? emptyBecause(ruleQuery(groups, record));
      if (samples.length === 0 && reason === undefined) unexplained.push(record);
      const listed = EMPTY_ON_DEMO[record];
      if (samples.length > 0 && listed !== undefined)
        unexplained.push(`${record} has data now: remove it from the list (${listed})`);
    }
    expect(unexplained).toEqual([]);
  });

  it("every dashboard query returns data, or is listed with its reason", async () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(100);
    const unexplained: string[] = [];
    for (const { uid, panel, expr } of queries) {
      const query = substituteVariables(expr);
      const result = await server.instantQuery(query);
      const empty = result.type === "vector" && result.samples.length === 0;
      if (empty && emptyBecause(query) === undefined)
        unexplained.push(`${uid} / ${panel}: ${query}`);
    }
    expect(unexplained).toEqual([]);
  });
});

function ruleQuery(groups: Awaited<ReturnType<PrometheusServer["rules"]>>, record: string): string {
  for (const g of groups) for (const r of g.rules) if (r.name === record) return r.query;
  return "";
}
