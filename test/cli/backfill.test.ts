import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";
import { requireBinary } from "../support/binaries.ts";
import { runCli } from "../support/cli.ts";
import { sample } from "../support/exposition.ts";
import { type PrometheusServer, startPrometheus } from "../support/prometheus.ts";

// `backfill` end to end: the demo's June as OpenMetrics, turned into TSDB blocks by
// promtool, served by a real Prometheus and queried at past instants, where every value
// must equal what `metrics --as-of` computes for that instant.

const SEEDED_AS_OF = "2026-06-30T00:00:00Z";
const DEMO = ["--config", "examples/demo.yaml"];
let workDir: string;
let dataDir: string;
let openMetricsFile: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "kpi-backfill-"));
  dataDir = join(workDir, "store");
  openMetricsFile = join(workDir, "june.om");
  const seed = await runCli([
    "demo",
    "--seed-only",
    "--data-dir",
    dataDir,
    "--as-of",
    SEEDED_AS_OF,
  ]);
  expect(seed.code, seed.stderr).toBe(0);
  const backfill = await runCli([
    "backfill",
    ...DEMO,
    "--data-dir",
    dataDir,
    "--from",
    "2026-06-01",
    "--to",
    "2026-06-30",
    "--step",
    "1d",
    "--out",
    openMetricsFile,
  ]);
  expect(backfill.code, backfill.stderr).toBe(0);
  expect(backfill.stderr).toMatch(/backfill written.*instants=30/);
}, 180_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const contractFamilies = Object.values(KPI).map((def) =>
  def.type === "counter" ? def.name.replace(/_total$/, "") : def.name,
);

describe("kpi-exporter backfill", () => {
  it("writes every KPI family once, no self-metrics, ending with # EOF", async () => {
    const text = await readFile(openMetricsFile, "utf8");
    const families = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]);
    expect(families).toEqual(contractFamilies);
    expect(text).not.toMatch(/^kpi_exporter_/m);
    expect(text.endsWith("\n# EOF\n")).toBe(true);
    expect(text.match(/^# EOF$/gm)).toHaveLength(1);
  });

  it("writes to stdout without --out", async () => {
    const run = await runCli([
      "backfill",
      ...DEMO,
      "--data-dir",
      dataDir,
      "--from",
      "2026-06-29",
      "--to",
      "2026-06-30",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.startsWith("# HELP dora_deployments ")).toBe(true);
    const production =
      'dora_deployments_total{team="payments",service="checkout",environment="production"}';
    const stamps = run.stdout
      .split("\n")
      .filter((l) => l.startsWith(production))
      .map((l) => l.split(" ").at(-1));
    expect(stamps).toEqual([
      String(Date.parse("2026-06-29") / 1000),
      String(Date.parse("2026-06-30") / 1000),
    ]);
  });

  it("refuses --from after --to, naming both, before opening the store", async () => {
    const neverOpened = join(workDir, "never");
    const run = await runCli([
      "backfill",
      "--data-dir",
      neverOpened,
      "--from",
      "2026-06-30",
      "--to",
      "2026-06-01",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "--from 2026-06-30T00:00:00.000Z is after --to 2026-06-01T00:00:00.000Z",
    );
    expect(existsSync(neverOpened)).toBe(false);
  });

  it("refuses instants in Prometheus's head block (the last 3 hours)", async () => {
    const hour = 3_600_000;
    const from = new Date(Date.now() - 2 * hour).toISOString();
    const to = new Date(Date.now() - hour).toISOString();
    const run = await runCli([
      "backfill",
      "--data-dir",
      join(workDir, "never"),
      "--from",
      from,
      "--to",
      to,
      "--step",
      "1h",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/within the last 3 hours/);
    expect(run.stdout).toBe("");
  });
});

const promtool = requireBinary("promtool", "backfilled blocks are not built");
const prometheus = requireBinary("prometheus", "backfilled history is not queried");

describe.skipIf(!promtool || !prometheus)("backfilled history in Prometheus", () => {
  let server: PrometheusServer | undefined;

  beforeAll(async () => {
    const blocks = join(workDir, "tsdb");
    const build = spawnSync(
      promtool as string,
      ["tsdb", "create-blocks-from", "openmetrics", openMetricsFile, blocks],
      {
        encoding: "utf8",
      },
    );
    expect(build.status, build.stderr).toBe(0);
    server = await startPrometheus({ storageDir: blocks });
  }, 120_000);

  afterAll(() => server?.stop());

  /** The value of exactly this series: scope labels it lacks must be absent, not anything. */
  async function atInstant(
    name: string,
    labels: string,
    instant: string,
  ): Promise<number | undefined> {
    const absent = ["team", "service"].filter((l) => !labels.includes(`${l}=`));
    const expr = `${name}{${[labels, ...absent.map((l) => `${l}=""`)].join(",")}}`;
    const samples = await (server as PrometheusServer).vector(expr, instant);
    expect(samples.length, `${expr} at ${instant}`).toBeLessThanOrEqual(1);
    return samples[0]?.value;
  }

  // Series as `metrics` renders them (labels in the contract's order) and as PromQL selects them.
  const SERIES: Array<[string, string]> = [
    ["dora_deployment_frequency_per_day", 'window="30d",team="payments",service="checkout"'],
    ["dora_change_lead_time_seconds", 'window="30d",team="payments",quantile="0.9"'],
    ["dora_change_failure_ratio", 'window="90d"'],
    ["dora_deployments_total", 'team="payments",service="checkout",environment="production"'],
    ["kpi_vulnerabilities_open", 'team="payments",service="checkout",severity="high"'],
  ];

  it("answers at a past instant exactly what `metrics --as-of` computes for it", async () => {
    const instant = "2026-06-15T00:00:00Z";
    const metrics = await runCli(["metrics", ...DEMO, "--data-dir", dataDir, "--as-of", instant]);
    expect(metrics.code, metrics.stderr).toBe(0);
    for (const [name, labels] of SERIES) {
      const expected = sample(metrics.stdout, name, labels);
      expect(expected, `${name}{${labels}} in metrics output`).toBeDefined();
      expect(await atInstant(name, labels, instant), `${name}{${labels}}`).toBe(expected);
    }
  });

  it("answers at the last instant what the golden exposition holds", async () => {
    const golden = await readFile(new URL("../golden/demo-metrics.prom", import.meta.url), "utf8");
    for (const [name, labels] of SERIES) {
      const expected = sample(golden, name, labels);
      expect(expected, `${name}{${labels}} in the golden file`).toBeDefined();
      expect(await atInstant(name, labels, SEEDED_AS_OF), name).toBe(expected);
    }
    // Each instant has its own snapshot, not the last one stamped at every time.
    const [counter, checkout] = SERIES[3] as [string, string];
    const mid = (await atInstant(counter, checkout, "2026-06-15T00:00:00Z")) as number;
    expect(mid).toBeLessThan((await atInstant(counter, checkout, SEEDED_AS_OF)) as number);
  });

  it("holds one sample per day: nothing between the instants", async () => {
    const expr = 'dora_deployment_frequency_per_day{window="30d",team=""}';
    const points = await (server as PrometheusServer).rangeQuery(
      expr,
      "2026-06-01T00:00:00Z",
      "2026-06-30T00:00:00Z",
      3600,
    );
    // Hourly steps over 30 days: only the 30 midnights fall within the 5-minute lookback.
    expect(points).toHaveLength(1);
    const times = points[0]?.points.map((p) => new Date(p.time).toISOString()) ?? [];
    expect(times).toHaveLength(30);
    expect(times.every((t) => t.endsWith("T00:00:00.000Z"))).toBe(true);
  });
});
