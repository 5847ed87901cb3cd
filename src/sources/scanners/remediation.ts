import type { Vulnerability } from "../../domain/records.ts";
import type { Scan, ScanFinding } from "../../store/scan-history.ts";

// From the scans of one series to findings with dates. A finding is open from the first
// scan that lists it and fixed at the first later scan that does not; listed again after
// that, it is a new occurrence (a regression) with its own record. The answer depends on
// the set of scans only, never on the order they were imported in.

export interface SeriesIdentity {
  service: string;
  series: string;
  /** Records' `source`: the scanner's name. */
  scanner: string;
}

interface Sighting {
  /** Position of the scan in time order. */
  index: number;
  finding: ScanFinding;
}

/** The record id of a finding's nth occurrence (n from 1); never a label, only an identity. */
export function findingId(id: SeriesIdentity, key: string, n: number): string {
  return `${id.series}|${id.service}|${key}${n > 1 ? `#${n}` : ""}`;
}

/** Splits a finding's sightings into runs of consecutive scans. */
function occurrences(sightings: Sighting[]): Sighting[][] {
  const runs: Sighting[][] = [];
  for (const s of sightings) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && last.index + 1 === s.index) run.push(s);
    else runs.push([s]);
  }
  return runs;
}

function toRecord(
  id: SeriesIdentity,
  key: string,
  n: number,
  run: Sighting[],
  scans: readonly Scan[],
): Vulnerability {
  const first = run[0] as Sighting;
  const last = run.at(-1) as Sighting;
  const v: Vulnerability = {
    id: findingId(id, key, n),
    service: id.service,
    // The latest scan's rating: scanners re-rate as advisories mature.
    severity: last.finding.severity,
    openedAt: (scans[first.index] as Scan).scannedAt,
    source: id.scanner,
  };
  if (last.finding.url) v.url = last.finding.url;
  const fixedBy = scans[last.index + 1];
  if (fixedBy) v.fixedAt = fixedBy.scannedAt;
  // Suppressed in every sighting since some scan: dismissed at that scan.
  let streak = run.length;
  while (streak > 0 && run[streak - 1]?.finding.suppressed !== undefined) streak--;
  const dismissed = run[streak];
  if (dismissed) {
    v.dismissedAt = (scans[dismissed.index] as Scan).scannedAt;
    v.dismissedReason = dismissed.finding.suppressed as string;
  }
  return v;
}

/** scans: every scan of the series; sorted here by time (then id). */
export function findingsOfSeries(id: SeriesIdentity, scans: readonly Scan[]): Vulnerability[] {
  const ordered = [...scans].sort(
    (a, b) => a.scannedAt - b.scannedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const sightings = new Map<string, Sighting[]>();
  for (const [index, scan] of ordered.entries())
    for (const finding of scan.findings) {
      const list = sightings.get(finding.key);
      if (list) list.push({ index, finding });
      else sightings.set(finding.key, [{ index, finding }]);
    }
  const records: Vulnerability[] = [];
  for (const [key, list] of sightings)
    for (const [i, run] of occurrences(list).entries())
      records.push(toRecord(id, key, i + 1, run, ordered));
  return records;
}
