import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBinary } from "./binaries.ts";
import { type PrometheusServer, startPrometheus } from "./prometheus.ts";

// The harness other tests build on: a real Prometheus scraping a tiny local endpoint and
// evaluating one recording rule, read back through the query helpers.

const prometheus = requireBinary("prometheus", "the Prometheus test harness is not exercised");

describe.skipIf(!prometheus)("startPrometheus", () => {
  let endpoint: Server;
  let workDir: string;
  let server: PrometheusServer | undefined;

  beforeAll(async () => {
    endpoint = createServer((_req, res) => {
      res.setHeader("content-type", "text/plain; version=0.0.4");
      res.end('# TYPE harness_answer gauge\nharness_answer{kind="test"} 42\n');
    });
    await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
    workDir = await mkdtemp(join(tmpdir(), "kpi-prom-harness-"));
    const rules = join(workDir, "doubled.rules.yml");
    await writeFile(
      rules,
      "groups:\n  - name: harness\n    rules:\n      - record: harness:answer:doubled\n        expr: harness_answer * 2\n",
    );
    const { port } = endpoint.address() as AddressInfo;
    server = await startPrometheus({
      scrapeTargets: [{ job: "harness", url: `http://127.0.0.1:${port}/metrics` }],
      ruleFiles: [rules],
    });
  });

  afterAll(async () => {
    await server?.stop();
    endpoint?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("scrapes a target and answers instant queries with parsed samples", async () => {
    const live = server as PrometheusServer;
    await live.waitForScrape("harness");
    const [target] = await live.targets();
    expect(target?.health).toBe("up");
    const samples = await live.vector("harness_answer");
    expect(samples).toHaveLength(1);
    expect(samples[0]?.labels).toMatchObject({
      __name__: "harness_answer",
      job: "harness",
      kind: "test",
    });
    expect(samples[0]?.value).toBe(42);
    expect(await live.instantQuery("scalar(harness_answer) + 1")).toMatchObject({
      type: "scalar",
      value: 43,
    });
  });

  it("lists rule groups with their health and evaluates them", async () => {
    const live = server as PrometheusServer;
    await live.waitForRuleEvaluation();
    const [group] = await live.rules();
    expect(group?.name).toBe("harness");
    expect(group?.rules.map((r) => [r.name, r.health, r.lastError ?? ""])).toEqual([
      ["harness:answer:doubled", "ok", ""],
    ]);
    await live.waitForScrape("harness");
    const deadline = Date.now() + 20_000;
    let doubled = await live.vector("harness:answer:doubled");
    while (doubled.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      doubled = await live.vector("harness:answer:doubled");
    }
    expect(doubled[0]?.value).toBe(84);
  });

  it("reports Prometheus's own error for bad PromQL", async () => {
    await expect((server as PrometheusServer).instantQuery("sum(")).rejects.toThrow(/bad_data/);
  });

  it("stops: the process exits and the port no longer answers", async () => {
    const live = server as PrometheusServer;
    await live.stop();
    expect(live.alive).toBe(false);
    await expect(fetch(`${live.url}/-/ready`)).rejects.toThrow();
    await live.stop(); // a second stop is harmless
  });
});
