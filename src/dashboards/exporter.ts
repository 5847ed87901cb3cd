import { BigValueTextMode } from "@grafana/grafana-foundation-sdk/common";
import { LABEL, SELF } from "../vocabulary/conventions.ts";
import { type DashboardSpec, finish, kpiDashboard, row } from "./common.ts";
import type { DashboardOptions } from "./options.ts";
import { barPanel, statPanel, trendPanel, UNIT } from "./panels.ts";
import { limitSteps, UP_MAPPINGS, UP_STEPS } from "./thresholds.ts";

// The exporter's own health: is it serving a fresh snapshot, are its collectors running,
// what do the external APIs answer, and what input did it refuse.

const META = {
  uid: "kpi-exporter",
  folder: "Exporter",
  title: "KPI · Exporter health",
  source: "exporter.ts",
  summary: "Build, snapshot age, collectors, external API calls, stored and rejected records.",
  tags: ["exporter", "health"],
  scopeVariables: false,
};

const COLLECTOR = `{{${LABEL.collector}}}`;
const HOUR = 3600;
const DAY = 86_400;

/** Collector status panels, shown here and on the SRE dashboard. */
export function collectorPanels() {
  return [
    statPanel({
      title: "Collectors up",
      description:
        "1 (Up) when the collector's last run succeeded, 0 (Down) when it failed or its first run has not finished.",
      unit: UNIT.level,
      queries: [{ expr: SELF.collectorUp.name, legend: COLLECTOR }],
      steps: UP_STEPS,
      mappings: UP_MAPPINGS,
      width: 8,
      height: 8,
    }),
    statPanel({
      title: "Since last successful run",
      description:
        "Time since each collector's last successful run. Amber after an hour, red after a day.",
      unit: UNIT.seconds,
      queries: [{ expr: `time() - ${SELF.collectorLastSuccess.name}`, legend: COLLECTOR }],
      steps: limitSteps(HOUR, DAY),
      width: 8,
      height: 8,
    }),
    trendPanel({
      title: "Collector run duration",
      description: "Duration of each collector's last run.",
      unit: UNIT.seconds,
      queries: [{ expr: SELF.collectorDuration.name, legend: COLLECTOR }],
      width: 8,
    }),
  ];
}

export function exporterDashboard(o: DashboardOptions): DashboardSpec {
  const interval = o.snapshotIntervalSeconds;
  const d = kpiDashboard(META, o)
    .withRow(row("Serving"))
    .withPanel(
      statPanel({
        title: "Version",
        description: "The exporter's version from kpi_exporter_build_info (always 1).",
        unit: UNIT.info,
        queries: [{ expr: SELF.buildInfo.name, legend: `{{${LABEL.version}}}` }],
        textMode: BigValueTextMode.Name,
        width: 8,
      }),
    )
    .withPanel(
      statPanel({
        title: "Snapshot age",
        description: `Now − asOf of the KPIs being served. Recomputed every snapshot_interval (${interval} s): amber from twice that, red from four times.`,
        unit: UNIT.seconds,
        queries: [{ expr: `time() - ${SELF.snapshotTimestamp.name}`, legend: "age" }],
        steps: limitSteps(2 * interval, 4 * interval),
        width: 8,
      }),
    )
    .withPanel(
      barPanel({
        title: "Records in the store",
        description: "Items in the store, per kind (deployment, change, incident, …).",
        unit: UNIT.count,
        queries: [{ expr: SELF.records.name, legend: `{{${LABEL.kind}}}` }],
        min: 0,
        width: 8,
        height: 5,
      }),
    )
    .withRow(row("Collectors"));
  for (const panel of collectorPanels()) d.withPanel(panel);
  d.withPanel(
    trendPanel({
      title: "External API calls by outcome",
      description:
        "Calls to external APIs per second, by collector and outcome (ok, not_modified, error, rate_limited).",
      unit: UNIT.requestsPerSecond,
      queries: [
        {
          expr: `sum by (${LABEL.collector}, ${LABEL.outcome}) (rate(${SELF.apiRequests.name}[$__rate_interval]))`,
          legend: `${COLLECTOR} {{${LABEL.outcome}}}`,
        },
      ],
    }),
  )
    .withPanel(
      trendPanel({
        title: "API rate limit remaining",
        description:
          "Requests left in the current rate-limit window, as last reported by each API.",
        unit: UNIT.count,
        queries: [{ expr: SELF.apiRateLimitRemaining.name, legend: COLLECTOR }],
      }),
    )
    .withRow(row("Input"))
    .withPanel(
      barPanel({
        title: "Rejected records in the time range",
        description:
          "Input items refused during the dashboard's time range, by kind and reason code (invalid_json, unknown_service, …).",
        unit: UNIT.count,
        queries: [
          {
            expr: `sum by (${LABEL.kind}, ${LABEL.reason}) (increase(${SELF.rejectedRecords.name}[$__range]))`,
            legend: `{{${LABEL.kind}}} {{${LABEL.reason}}}`,
          },
        ],
        min: 0,
        width: 24,
      }),
    );
  return finish(META, d);
}
