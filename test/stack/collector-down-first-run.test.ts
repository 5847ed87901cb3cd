import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBinary } from "../support/binaries.ts";
import { runCli } from "../support/cli.ts";
import { type PrometheusServer, startPrometheus } from "../support/prometheus.ts";
import { type ServeProcess, startServe } from "../support/serve.ts";

// The generated KpiExporterCollectorDown rule, loaded by a real Prometheus scraping a real
// `serve` whose collectors hang on their first run (the API accepts connections and never
// answers): the collector_up series exists at 0 from the start (decision 142), so the
// alert fires for a collector that never succeeded. `for` is 2s here instead of 15m.

const prometheus = requireBinary("prometheus", "the first-run collector alert is not proven");
let dir: string;
let silent: Server;
let serve: ServeProcess;
let server: PrometheusServer;

beforeAll(async () => {
  if (!prometheus) return;
  dir = await mkdtemp(join(tmpdir(), "kpi-first-run-"));
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const config = join(dir, "config.yaml");
  await writeFile(
    config,
    `version: kpi-exporter/v1
sources:
  github: { base_url: "${url}" }
  opencost: { base_url: "${url}", currency: EUR }
teams:
  - name: payments
    services: [{ name: checkout, repositories: [acme/checkout] }]
alerting:
  runbook_base_url: https://runbooks.example.com/
  collector_down: { for: 2s }
slos: []
`,
  );
  const rules = await runCli(["rules", "--config", config, "--out", join(dir, "alerts")]);
  expect(rules.code, rules.stderr).toBe(0);
  serve = await startServe(["--config", config, "--data-dir", join(dir, "store")], {
    GITHUB_TOKEN: "first-run-token",
  });
  server = await startPrometheus({
    scrapeTargets: [{ job: "kpi-exporter", url: `${serve.base}/metrics` }],
    ruleFiles: [join(dir, "alerts", "kpi-alerts.rules.yml")],
    scrapeInterval: "1s",
    evaluationInterval: "1s",
  });
  await server.waitForScrape("kpi-exporter", 60_000);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  silent?.closeAllConnections();
  silent?.close();
  await serve?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

describe.skipIf(!prometheus)("a collector whose first run never finishes", () => {
  it("fires KpiExporterCollectorDown for each configured collector", async () => {
    const firing = async () =>
      (await server.alerts())
        .filter((a) => a.labels.alertname === "KpiExporterCollectorDown" && a.state === "firing")
        .map((a) => a.labels.collector)
        .sort();
    for (let i = 0; i < 60 && (await firing()).length < 2; i++)
      await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await firing()).toEqual(["github", "opencost"]);
  }, 60_000);

  it("does not fire KpiExporterCollectorStale: there is no success to be stale from", async () => {
    const stale = (await server.alerts()).filter(
      (a) => a.labels.alertname === "KpiExporterCollectorStale",
    );
    expect(stale).toEqual([]);
  });
});
