// GET /api/v1/kpis over real HTTP: the snapshot's samples as JSON, filtered by label.
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";
import { countingService, type Listening, listen, seriesLines } from "./helpers.ts";

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function kpis(url: string, query = "") {
  const res = await fetch(`${url}/api/v1/kpis${query}`);
  return { status: res.status, body: await res.json() };
}

describe("GET /api/v1/kpis", () => {
  async function start() {
    const fixture = countingService();
    await fixture.service.refresh();
    server = await listen(createApp({ snapshots: fixture.service, self: fixture.self }));
    return server.url;
  }

  it("returns every KPI sample with asOf as ISO time", async () => {
    const { status, body } = await kpis(await start());
    expect(status).toBe(200);
    expect(body.asOf).toBe("2026-06-30T00:00:00.000Z");
    expect(body.kpis).toHaveLength(12);
    expect(body.kpis[0]).toEqual({
      name: KPI.deploymentFrequency.name,
      labels: { window: "7d" },
      value: 1.5,
    });
  });

  it("filters by window, team and service", async () => {
    const url = await start();
    const names = (list: { name: string; labels: Record<string, string> }[]) =>
      list.map((kpi) => `${kpi.name}${JSON.stringify(kpi.labels)}`);
    expect((await kpis(url, "?window=30d")).body.kpis).toHaveLength(5);
    expect(names((await kpis(url, "?window=7d&team=payments")).body.kpis)).toEqual([
      'dora_deployment_frequency_per_day{"window":"7d","team":"payments"}',
      'dora_deployment_frequency_per_day{"service":"checkout","window":"7d","team":"payments"}',
    ]);
    expect((await kpis(url, "?service=checkout")).body.kpis).toHaveLength(3);
    expect((await kpis(url, "?team=search&window=30d")).body.kpis).toHaveLength(1);
    // An absent label matches "", as in PromQL: ?team= is the organisation scope.
    expect((await kpis(url, "?team=&window=7d")).body.kpis).toHaveLength(1);
    expect((await kpis(url, "?window=1y")).body.kpis).toEqual([]);
    expect((await kpis(url, "?window=7d&window=30d")).status).toBe(400);
  });

  it("gives the numbers /metrics gives", async () => {
    const url = await start();
    const text = await (await fetch(`${url}/metrics`)).text();
    const { body } = await kpis(url, "?team=payments&service=checkout&window=7d");
    expect(body.kpis).toHaveLength(1);
    expect(seriesLines(text)).toContain(
      `dora_deployment_frequency_per_day{window="7d",team="payments",service="checkout"} ${body.kpis[0].value}`,
    );
  });
});
