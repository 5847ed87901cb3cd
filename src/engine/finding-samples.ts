import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import type { EpochMs, Vulnerability } from "../domain/records.ts";
import { SampleSink } from "./sink.ts";
import type { Sample } from "./snapshot-types.ts";
import { openVulnerabilitySamples, remediationSamples } from "./vulnerabilities.ts";
import { WindowCrossings } from "./window-crossings.ts";

// The findings' samples (remediation time per window, open and overdue at asOf) with how
// long they hold: until asOf reaches a finding's opening, fix, dismissal or SLA deadline,
// or a remediation leaves a window. A serving process keeps them that long while no
// finding is written; a hundred thousand findings are not walked again on every write.

export interface FindingSamples {
  /** Per window, in the config's order. */
  remediation: Sample[][];
  open: Sample[];
  validUntil: EpochMs;
}

export function findingSamples(
  vulns: Vulnerability[],
  asOf: EpochMs,
  windows: readonly KpiWindow[],
  config: EngineConfig,
): FindingSamples {
  const remediation = windows.map((window) => {
    const sink = new SampleSink();
    remediationSamples(vulns, asOf, window, config, sink);
    return sink.samples();
  });
  const open = new SampleSink();
  openVulnerabilitySamples(vulns, asOf, config, open);
  const crossings = new WindowCrossings(windows, asOf);
  let next = Number.POSITIVE_INFINITY;
  const later = (t: EpochMs | undefined) => {
    if (t !== undefined && t > asOf && t < next) next = t;
  };
  for (const v of vulns) {
    if (v.fixedAt !== undefined) crossings.see(v.fixedAt);
    if (v.dismissedAt !== undefined) crossings.see(v.dismissedAt);
    later(v.openedAt);
    later(v.fixedAt);
    later(v.dismissedAt);
    // Overdue from just past the deadline: ending validity at the deadline is safe.
    later(v.openedAt + config.vulnerabilitySlaMs[v.severity]);
  }
  return {
    remediation,
    open: open.samples(),
    validUntil: Math.min(next, crossings.validUntil),
  };
}
