import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportModel, ReportValue } from "../../src/reports/model.ts";
import { runCli } from "../support/cli.ts";
import { eventually, type ServeProcess, startServe } from "../support/serve.ts";
import { parseCsv } from "./parse-csv.ts";

// The same numbers everywhere: the demo organisation's 2026-Q3 report, fetched from
// `kpi-exporter serve` and printed by `kpi-exporter report`, against /api/v1/kpis of the
// same server, whose config adds the quarter's 92d window and whose --as-of is the
// quarter's last millisecond.

const AS_OF = "2026-09-30T23:59:59.999Z";
const TOKEN = "report-reader";
let dir: string;
let serve: ServeProcess;
let cliJson: string;
type Kpi = { name: string; labels: Record<string, string>; value: number };
let kpis: Kpi[];

const get = (path: string, token: string | undefined = TOKEN) =>
  fetch(`${serve.base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-report-consistency-"));
  const data = join(dir, "data");
  const config = join(dir, "kpi-exporter.yaml");
  const demo = await readFile(new URL("../../examples/demo.yaml", import.meta.url), "utf8");
  const withQuarter = demo.replace(/^windows: \[7d, 30d, 90d\]$/m, "windows: [7d, 30d, 90d, 92d]");
  expect(withQuarter).not.toBe(demo);
  await writeFile(config, withQuarter);
  const seed = await runCli([
    "demo",
    "--seed-only",
    "--data-dir",
    data,
    "--as-of",
    "2026-10-01T00:00:00Z",
  ]);
  expect(seed.code, seed.stderr).toBe(0);
  const common = ["--config", config, "--data-dir", data, "--as-of", AS_OF];
  const cli = await runCli(["report", "--quarter", "2026-Q3", "--format", "json", ...common]);
  expect(cli.code, cli.stderr).toBe(0);
  cliJson = cli.stdout;
  serve = await startServe(common, { KPI_READ_TOKEN: TOKEN });
  await eventually(async () => (await get("/readyz")).ok);
  const body = (await (await get("/api/v1/kpis")).json()) as { asOf: string; kpis: Kpi[] };
  expect(body.asOf).toBe(AS_OF);
  kpis = body.kpis;
}, 180_000);

afterAll(async () => {
  await serve?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The API's labels of a report value: window (none for open/overdue counts), scope, rest. */
function apiLabels(v: ReportValue, hasWindow: boolean): string {
  const labels: Record<string, string> = { ...v.labels };
  if (hasWindow) labels.window = v.window;
  if (v.team !== undefined) labels.team = v.team;
  if (v.service !== undefined) labels.service = v.service;
  return JSON.stringify(Object.entries(labels).sort());
}

const NO_WINDOW = new Set(["kpi_vulnerabilities_open", "kpi_vulnerabilities_overdue"]);

/** Every quarter value equals its /api/v1/kpis sample, and no sample of a shown series is missing. */
function expectSameNumbers(report: ReportModel, inScope: (k: Kpi) => boolean): number {
  const api = new Map(
    kpis
      .filter((k) => k.labels.window === "92d" || (NO_WINDOW.has(k.name) && inScope(k)))
      .filter(inScope)
      .map((k) => [`${k.name} ${JSON.stringify(Object.entries(k.labels).sort())}`, k.value]),
  );
  const quarter = report.values.filter((v) => v.period === "2026-Q3");
  for (const v of quarter) {
    const key = `${v.kpi} ${apiLabels(v, !NO_WINDOW.has(v.kpi))}`;
    expect(api.get(key), key).toBe(v.value);
  }
  // Conversely: a series the report shows at some scope is never missing at another.
  const shown = new Set(
    quarter.map((v) => `${v.kpi} ${JSON.stringify(Object.entries(v.labels).sort())}`),
  );
  const reported = new Set(quarter.map((v) => `${v.kpi} ${apiLabels(v, !NO_WINDOW.has(v.kpi))}`));
  for (const k of kpis.filter(inScope)) {
    if (k.labels.window !== "92d" && !NO_WINDOW.has(k.name)) continue;
    const { window: _w, team: _t, service: _s, ...rest } = k.labels;
    if (!shown.has(`${k.name} ${JSON.stringify(Object.entries(rest).sort())}`)) continue;
    expect(
      reported.has(`${k.name} ${JSON.stringify(Object.entries(k.labels).sort())}`),
      JSON.stringify(k),
    ).toBe(true);
  }
  return quarter.length;
}

describe("the 2026-Q3 report and /api/v1/kpis at the quarter's last millisecond", () => {
  it("the organisation's report: every value at organisation and team scope equals the API", async () => {
    const res = await get("/api/v1/reports/2026-Q3.json");
    expect(res.status).toBe(200);
    const report = (await res.json()) as ReportModel;
    expect(report.asOf).toBe(AS_OF);
    const compared = expectSameNumbers(report, (k) => k.labels.service === undefined);
    expect(compared).toBeGreaterThan(200);
    const summary = report.summary.find((r) => r.kpi === "dora_deployment_frequency_per_day");
    expect(summary?.value).toBe(
      kpis.find((k) => k.name === summary?.kpi && JSON.stringify(k.labels) === '{"window":"92d"}')
        ?.value,
    );
  });

  it("a team's report: the team and its services equal the API", async () => {
    const report = (await (
      await get("/api/v1/reports/2026-Q3.json?team=payments")
    ).json()) as ReportModel;
    expect(report.scope).toEqual({ kind: "team", team: "payments" });
    const compared = expectSameNumbers(report, (k) => k.labels.team === "payments");
    expect(compared).toBeGreaterThan(100);
  });

  it("the CSV holds the JSON's values, and the command line prints the API's JSON", async () => {
    const json = await (await get("/api/v1/reports/2026-Q3.json")).text();
    expect(cliJson).toBe(json);
    const report = JSON.parse(json) as ReportModel;
    const [header, ...rows] = parseCsv(await (await get("/api/v1/reports/2026-Q3.csv")).text());
    expect(header?.slice(0, 6)).toEqual(["kpi", "scope", "team", "service", "value", "unit"]);
    expect(rows.map((r) => [r[0], r[2], Number(r[4]), r[13]])).toEqual(
      report.values.map((v) => [v.kpi, v.team ?? "", v.value, v.period]),
    );
  });
});

describe("GET /api/v1/reports/{quarter}.{format}", () => {
  it("needs the read token like /api/v1/kpis", async () => {
    expect((await get("/api/v1/reports/2026-Q3.json", "")).status).toBe(401);
    expect((await get("/api/v1/kpis", "")).status).toBe(401);
  });

  it("answers each data format with its type and an attachment name", async () => {
    const expected = {
      json: "application/json; charset=utf-8",
      csv: "text/csv; charset=utf-8; header=present",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
    for (const [format, type] of Object.entries(expected)) {
      const res = await get(`/api/v1/reports/2026-Q3.${format}?team=payments`);
      expect(res.status, format).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("content-disposition")).toBe(
        `attachment; filename="kpi-report-2026-Q3-payments.${format}"`,
      );
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it("400 naming a bad quarter, a future quarter or an unknown team; 404 for an unknown format", async () => {
    const bad = await get("/api/v1/reports/2026-Q7.json");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('"2026-Q7"');
    const future = await get("/api/v1/reports/2026-Q4.csv");
    expect(future.status).toBe(400);
    expect(((await future.json()) as { error: string }).error).toContain("2026-Q4");
    const team = await get("/api/v1/reports/2026-Q3.csv?team=nobody");
    expect(team.status).toBe(400);
    expect(((await team.json()) as { error: string }).error).toContain(
      'unknown team "nobody"; known teams: lending,',
    );
    const format = await get("/api/v1/reports/2026-Q3.docx");
    expect(format.status).toBe(404);
    expect(((await format.json()) as { error: string }).error).toContain(
      "html, pdf, xlsx, csv, json",
    );
    expect((await get("/api/v1/reports/2026-Q3")).status).toBe(404);
  });
});
