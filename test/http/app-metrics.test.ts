// /metrics, /healthz and /readyz over real HTTP.
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { negotiateFormat } from "../../src/http/negotiate.ts";
import { countingService, type Listening, listen, seriesLines } from "./helpers.ts";

const TEXT = "text/plain; version=0.0.4; charset=utf-8";
const OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
// What Prometheus 2.x sends when scraping.
const PROMETHEUS_ACCEPT =
  "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(refreshed = true) {
  const fixture = countingService();
  if (refreshed) await fixture.service.refresh();
  server = await listen(createApp({ snapshots: fixture.service, self: fixture.self }));
  return { ...fixture, url: server.url };
}

describe("before the first snapshot", () => {
  it("answers 503 on /metrics and /readyz but 200 on /healthz", async () => {
    const { url } = await start(false);
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(503);
    expect(await metrics.json()).toEqual({ error: expect.stringMatching(/no KPI snapshot/) });
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

describe("GET /metrics", () => {
  it("serves Prometheus text by default, KPIs then self-metrics", async () => {
    const { url } = await start();
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(TEXT);
    const body = await res.text();
    expect(body).not.toContain("# EOF");
    const lines = seriesLines(body);
    expect(lines).toContain('dora_deployment_frequency_per_day{window="7d"} 1.5');
    expect(lines).toContain('kpi_exporter_build_info{version="9.9.9-test"} 1');
    expect(lines).toContain("kpi_exporter_snapshot_timestamp_seconds 1782777600");
    expect(body.indexOf("kpi_exporter_build_info")).toBeGreaterThan(body.indexOf("dora_"));
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it("serves OpenMetrics to Prometheus, with one # EOF at the very end", async () => {
    const { url } = await start();
    const res = await fetch(`${url}/metrics`, { headers: { accept: PROMETHEUS_ACCEPT } });
    expect(res.headers.get("content-type")).toBe(OPENMETRICS);
    const body = await res.text();
    expect(body.match(/# EOF/g)).toHaveLength(1);
    expect(body.endsWith("\n# EOF\n")).toBe(true);
    expect(body).not.toContain("\n\n");
    expect(body).toContain("# TYPE dora_deployments counter\n");
    expect(seriesLines(body)).toContain(
      'dora_deployments_total{team="payments",service="checkout",environment="staging"} 7',
    );
    expect(body).toContain('kpi_exporter_build_info{version="9.9.9-test"} 1\n');
  });

  it("serves the same series in both formats, and no series for absent KPIs", async () => {
    const { url } = await start();
    const text = await (await fetch(`${url}/metrics`)).text();
    const om = await (
      await fetch(`${url}/metrics`, { headers: { accept: "application/openmetrics-text" } })
    ).text();
    // The second scrape also counts the first one: request counts differ by design.
    const stable = (lines: string[]) =>
      lines.filter((l) => !l.startsWith("kpi_exporter_http_requests_total"));
    expect(stable(seriesLines(om))).toEqual(stable(seriesLines(text)));
    expect(om).toContain('kpi_exporter_http_requests_total{route="/metrics",code="200"} 1');
    expect(text).not.toContain("dora_change_failure_ratio");
    expect(text).not.toContain("kpi_revenue_impact");
  });

  it("does not load or compute during scrapes", async () => {
    const { url, calls } = await start();
    for (let i = 0; i < 3; i++) {
      await (await fetch(`${url}/metrics`)).text();
      await (await fetch(`${url}/metrics`, { headers: { accept: PROMETHEUS_ACCEPT } })).text();
    }
    expect(calls).toEqual({ load: 1, compute: 1 });
  });
});

describe("negotiateFormat", () => {
  it.each([
    [undefined, "text"],
    ["*/*", "text"],
    ["text/plain", "text"],
    ["text/plain;version=0.0.4", "text"],
    [PROMETHEUS_ACCEPT, "openmetrics"],
    ["application/openmetrics-text", "openmetrics"],
    // Prometheus 3 adds an escaping parameter that exact-match negotiation would miss.
    [
      "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,text/plain;version=0.0.4;q=0.3",
      "openmetrics",
    ],
    ["application/openmetrics-text;q=0", "text"],
    ["text/plain;q=1,application/openmetrics-text;q=0.5", "text"],
    ["text/plain;q=0.5,application/openmetrics-text", "openmetrics"],
  ] as const)("Accept %s → %s", (accept, format) => {
    expect(negotiateFormat(accept)).toBe(format);
  });
});
