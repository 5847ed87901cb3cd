import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import { type EpochMs, SEVERITIES, type Severity, type Vulnerability } from "../domain/records.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { ScopedBuckets, teamOf } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";
import { inWindow } from "./windows.ts";

// Open and overdue findings at asOf, and remediation time per window (contract
// §3; METRICS.md decisions 23–24).

type Counts = Record<Severity, number>;
const zeros = (): Counts => ({ critical: 0, high: 0, medium: 0, low: 0 });

const happened = (t: EpochMs | undefined, asOf: EpochMs): t is EpochMs =>
  t !== undefined && t <= asOf;

export function isOpenAt(v: Vulnerability, asOf: EpochMs): boolean {
  return v.openedAt <= asOf && !happened(v.fixedAt, asOf) && !happened(v.dismissedAt, asOf);
}

/** The instant a finding counts as remediated at, if it has been by asOf. */
function remediatedAt(v: Vulnerability, asOf: EpochMs, config: EngineConfig): EpochMs | undefined {
  if (happened(v.fixedAt, asOf)) return v.fixedAt;
  if (config.dismissedCountAsRemediated && happened(v.dismissedAt, asOf)) return v.dismissedAt;
  return undefined;
}

export function openVulnerabilitySamples(
  vulns: Vulnerability[],
  asOf: EpochMs,
  config: EngineConfig,
  sink: SampleSink,
): void {
  const scopes = new ScopedBuckets(() => ({ open: zeros(), overdue: zeros() }));
  for (const v of vulns) {
    if (v.openedAt > asOf) continue;
    const buckets = scopes.bucketsFor(teamOf(config.serviceTeam, v.service), v.service);
    if (!isOpenAt(v, asOf)) continue;
    const overdue = asOf - v.openedAt > config.vulnerabilitySlaMs[v.severity];
    for (const b of buckets) {
      b.open[v.severity]++;
      if (overdue) b.overdue[v.severity]++;
    }
  }
  for (const [scope, b] of scopes.entries()) {
    for (const severity of SEVERITIES)
      sink.add(KPI.vulnerabilitiesOpen, { ...scope, severity }, b.open[severity]);
    for (const severity of SEVERITIES)
      sink.add(KPI.vulnerabilitiesOverdue, { ...scope, severity }, b.overdue[severity]);
  }
}

export function remediationSamples(
  vulns: Vulnerability[],
  asOf: EpochMs,
  window: KpiWindow,
  config: EngineConfig,
  sink: SampleSink,
): void {
  const scopes = new ScopedBuckets(() => new Map<Severity, number[]>());
  for (const v of vulns) {
    const at = remediatedAt(v, asOf, config);
    if (at === undefined || !inWindow(at, asOf, window)) continue;
    for (const b of scopes.bucketsFor(teamOf(config.serviceTeam, v.service), v.service)) {
      const list = b.get(v.severity);
      const seconds = Math.max(0, at - v.openedAt) / 1000;
      if (list) list.push(seconds);
      else b.set(v.severity, [seconds]);
    }
  }
  for (const [scope, b] of scopes.entries())
    for (const severity of SEVERITIES)
      sink.addQuantiles(
        KPI.remediationTime,
        { ...scope, window: window.label, severity },
        b.get(severity) ?? [],
      );
}
