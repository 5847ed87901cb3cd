import { expect, test } from "vitest";
import { findingsOfSeries } from "../../../src/sources/scanners/remediation.ts";
import type { Scan, ScanFinding } from "../../../src/store/scan-history.ts";

// Fix dates from successive scans, with literal scans: day n is n days after 2026-06-01.

const DAY = 86_400_000;
const day = (n: number) => Date.UTC(2026, 5, 1) + n * DAY;
const id = { service: "checkout", series: "trivy:container_image:acme/checkout", scanner: "trivy" };
const f = (key: string, extra: Partial<ScanFinding> = {}): ScanFinding => ({
  key,
  severity: "high",
  ...extra,
});
const scan = (n: number, findings: ScanFinding[]): Scan => ({
  service: "checkout",
  series: id.series,
  id: `scan-${n}`,
  scannedAt: day(n),
  source: `day-${n}.json`,
  findings,
});

test("open from the first scan listing it, fixed at the first scan without it", () => {
  const records = findingsOfSeries(id, [scan(0, [f("a"), f("b")]), scan(3, [f("b")])]);
  expect(records).toEqual([
    {
      id: `${id.series}|checkout|a`,
      service: "checkout",
      severity: "high",
      openedAt: day(0),
      fixedAt: day(3),
      source: "trivy",
    },
    {
      id: `${id.series}|checkout|b`,
      service: "checkout",
      severity: "high",
      openedAt: day(0),
      source: "trivy",
    },
  ]);
});

test("the order scans arrive in does not matter", () => {
  const scans = [
    scan(0, [f("a")]),
    scan(2, [f("a"), f("b")]),
    scan(5, [f("b")]),
    scan(9, [f("a")]),
  ];
  const forward = findingsOfSeries(id, scans);
  const sorted = (list: typeof forward) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));
  expect(sorted(findingsOfSeries(id, [...scans].reverse()))).toEqual(sorted(forward));
  expect(sorted(findingsOfSeries(id, [scans[2], scans[0], scans[3], scans[1]] as Scan[]))).toEqual(
    sorted(forward),
  );
});

test("listed again after a fix: a second occurrence with its own record", () => {
  const records = findingsOfSeries(id, [
    scan(0, [f("a")]),
    scan(2, []),
    scan(4, [f("a", { severity: "critical" })]),
  ]);
  expect(records.map((r) => [r.id.split("|").at(-1), r.openedAt, r.fixedAt, r.severity])).toEqual([
    ["a", day(0), day(2), "high"],
    ["a#2", day(4), undefined, "critical"],
  ]);
});

test("severity and link follow the latest scan that lists the finding", () => {
  const [record] = findingsOfSeries(id, [
    scan(0, [f("a", { severity: "low", url: "https://old" })]),
    scan(1, [f("a", { severity: "critical", url: "https://new" })]),
  ]);
  expect(record).toMatchObject({ severity: "critical", url: "https://new", openedAt: day(0) });
});

test("suppressed in every scan since one: dismissed there; a later fix is still a fix", () => {
  const suppressed = f("a", { suppressed: "false positive" });
  const [stillListed] = findingsOfSeries(id, [
    scan(0, [f("a")]),
    scan(1, [suppressed]),
    scan(2, [suppressed]),
  ]);
  expect(stillListed).toMatchObject({ dismissedAt: day(1), dismissedReason: "false positive" });
  expect(stillListed?.fixedAt).toBeUndefined();
  // Suppressed, then unsuppressed: not dismissed any more.
  const [reopened] = findingsOfSeries(id, [scan(0, [suppressed]), scan(1, [f("a")])]);
  expect(reopened?.dismissedAt).toBeUndefined();
  const [gone] = findingsOfSeries(id, [scan(0, [suppressed]), scan(1, [])]);
  expect(gone).toMatchObject({ dismissedAt: day(0), fixedAt: day(1) });
});
