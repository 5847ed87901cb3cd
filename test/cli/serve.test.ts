import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServeProcess, startServe } from "../support/serve.ts";

// `kpi-exporter serve` as a real process: events posted over HTTP with the API token
// change the KPIs the next request sees, and rejected lines show in the self-metrics.

const TOKEN = "s3cret-token-for-tests";
let dir: string;
let serve: ServeProcess;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-serve-"));
  await writeFile(
    join(dir, "config.yaml"),
    "version: kpi-exporter/v1\nteams:\n  - name: payments\n    services: [{ name: checkout }]\n",
  );
  const args = ["--config", join(dir, "config.yaml"), "--data-dir", join(dir, "store")];
  serve = await startServe([...args, "--as-of", "2026-06-04T00:00:00Z"], { KPI_API_TOKEN: TOKEN });
  base = serve.base;
}, 60_000);

afterAll(async () => {
  await serve.stop();
  await rm(dir, { recursive: true, force: true });
});

const deployment = (id: string, at: string) =>
  JSON.stringify({
    kind: "deployment",
    id,
    service: "checkout",
    environment: "production",
    finishedAt: at,
    commitSha: `${id}abcdef`,
  });

describe("kpi-exporter serve", () => {
  it("is ready once the first snapshot exists", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it("refuses events without the API token and stores nothing", async () => {
    const response = await fetch(`${base}/api/v1/events`, {
      method: "POST",
      body: deployment("d0", "2026-06-01T00:00:00Z"),
      headers: { "content-type": "application/x-ndjson" },
    });
    expect(response.status).toBe(401);
    const kpis = await (await fetch(`${base}/api/v1/kpis?service=checkout`)).json();
    const samples = kpis.kpis as Array<{ name: string; value: number }>;
    // Only the incident counts every catalogue service has, at 0: nothing was stored.
    expect(new Set(samples.map((k) => k.name))).toEqual(
      new Set(["kpi_incidents", "kpi_incidents_open"]),
    );
    expect(samples.filter((k) => k.value !== 0)).toEqual([]);
  });

  it("stores valid lines, reports rejected ones, and serves the new KPIs right away", async () => {
    const body = [
      deployment("d1", "2026-06-01T10:00:00Z"),
      deployment("d2", "2026-06-02T10:00:00Z"),
      JSON.stringify({
        kind: "incident",
        id: "i1",
        service: "elsewhere",
        startedAt: "2026-06-02T11:00:00Z",
      }),
    ].join("\n");
    const response = await fetch(`${base}/api/v1/events`, {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
    });
    expect(response.status).toBe(422);
    const report = await response.json();
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ line: 3, code: "unknown_service" });

    const kpis = await (
      await fetch(`${base}/api/v1/kpis?window=7d&team=payments&service=checkout`)
    ).json();
    const frequency = kpis.kpis.find(
      (k: { name: string }) => k.name === "dora_deployment_frequency_per_day",
    );
    expect(frequency.value).toBeCloseTo(2 / 7, 12);
    expect(kpis.asOf).toBe("2026-06-04T00:00:00.000Z");

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(
      'dora_deployments_total{team="payments",service="checkout",environment="production"} 2',
    );
    expect(metrics).toContain(
      'kpi_exporter_rejected_records_total{kind="incident",reason="unknown_service"} 1',
    );
    expect(metrics).toContain('kpi_exporter_records{kind="deployment"} 2');
  });

  it("answers OpenMetrics to a scraper that asks for it", async () => {
    const response = await fetch(`${base}/metrics`, {
      headers: { accept: "application/openmetrics-text; version=1.0.0" },
    });
    expect(response.headers.get("content-type")).toContain("application/openmetrics-text");
    const text = await response.text();
    expect(text.endsWith("# EOF\n")).toBe(true);
    expect(text.match(/# EOF/g)).toHaveLength(1);
  });

  it("shuts down cleanly on SIGTERM", async () => {
    expect(await serve.stop()).toBe(0);
  });
});
