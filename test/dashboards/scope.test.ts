import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { dashboardQueries } from "../../src/dashboards/index.ts";
import { requireBinary } from "../support/binaries.ts";
import { substituteVariables } from "../support/promql.ts";

// The dashboards' scope selection, evaluated by Prometheus' engine (promtool test rules)
// over the demo organisation's golden exposition: each selection of the team and service
// variables yields exactly one scope, never a mix that would double count.

const GOLDEN = new URL("../golden/demo-metrics.prom", import.meta.url);
const promtool = requireBinary("promtool", "the scope-selection test evaluates dashboard queries");

interface Sample {
  series: string;
  labels: Record<string, string>;
  value: string;
}

function parseLine(line: string): Sample | undefined {
  const m = /^([a-z_:]+)\{(.*)\} (\S+)$/.exec(line);
  if (!m?.[1] || m[2] === undefined || !m[3]) return undefined;
  const labels = Object.fromEntries(
    [...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]),
  );
  return { series: `${m[1]}{${m[2]}}`, labels: { __name__: m[1], ...labels }, value: m[3] };
}

// Grafana sends a multi-value selection as a regex alternation, All as the allValue `.*`.
const SELECTIONS = [
  { name: "All / All", team: ".*", service: ".*", keep: (l: Labels) => !l.team },
  {
    name: "one team",
    team: "payments",
    service: ".*",
    keep: (l: Labels) => l.team === "payments" && !l.service,
  },
  {
    name: "two teams",
    team: "(payments|mobile)",
    service: ".*",
    keep: (l: Labels) => ["payments", "mobile"].includes(l.team ?? "") && !l.service,
  },
  {
    name: "one service, any team",
    team: ".*",
    service: "checkout",
    keep: (l: Labels) => l.service === "checkout",
  },
  {
    name: "two services of a team",
    team: "payments",
    service: "(checkout|fraud-detection)",
    keep: (l: Labels) => ["checkout", "fraud-detection"].includes(l.service ?? ""),
  },
];
type Labels = Record<string, string | undefined>;

// Panels whose query is a plain scoped selector: one per kind of extra label.
const PANELS = [
  { uid: "kpi-dora", panel: "Deployment frequency", metric: "dora_deployment_frequency_per_day" },
  { uid: "kpi-coo", panel: "Cost by category", metric: "kpi_cost" },
  { uid: "kpi-ciso", panel: "Open findings by severity", metric: "kpi_vulnerabilities_open" },
];

let dir: string;
let samples: Sample[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-scope-"));
  const lines = (await readFile(GOLDEN, "utf8")).split("\n");
  samples = lines
    .map(parseLine)
    .filter((s): s is Sample => !!s && PANELS.some((p) => p.metric === s.labels.__name__));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function queryOf(uid: string, panel: string): string {
  const query = dashboardQueries().find((q) => q.uid === uid && q.panel === panel);
  if (!query) throw new Error(`no query for ${uid} / ${panel}`);
  return query.expr;
}

function expectedSamples(metric: string, keep: (l: Labels) => boolean) {
  return samples
    .filter(
      (s) => s.labels.__name__ === metric && (s.labels.window ?? "30d") === "30d" && keep(s.labels),
    )
    .map((s) => ({ labels: s.series, value: Number(s.value) }));
}

describe.skipIf(!promtool)("scope selection of dashboard queries", () => {
  it("selects exactly one scope for every team/service selection", async () => {
    const tests = SELECTIONS.flatMap((selection) =>
      PANELS.map(({ uid, panel, metric }) => {
        const expr = substituteVariables(queryOf(uid, panel), {
          window: "30d",
          team: selection.team,
          service: selection.service,
        });
        const exp_samples = expectedSamples(metric, selection.keep);
        expect(exp_samples.length, `${selection.name}: ${metric}`).toBeGreaterThan(0);
        return { expr, eval_time: "1m", exp_samples };
      }),
    );
    const file = join(dir, "scope.test.yml");
    await writeFile(
      file,
      stringify({
        tests: [
          {
            interval: "1m",
            input_series: samples.map((s) => ({ series: s.series, values: `${s.value}+0x3` })),
            promql_expr_test: tests,
          },
        ],
      }),
    );
    const run = spawnSync(promtool as string, ["test", "rules", file], { encoding: "utf8" });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  });
});
