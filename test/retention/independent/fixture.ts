// The "fake 8-year store" of the independent retention tests (METRICS.md decision 156),
// written from the rule text alone. Every instant is a calendar offset from `now`, so the
// expected numbers in the tests can be worked out by hand; no instant lies within 10 days
// of a 7-year horizon the tests use (v1's dismissal, 4 to 7 days after the S3 test's R_7
// horizon, is the one exception), so the day-of-month overflow of calendar arithmetic
// (e.g. 31 May + 3 months) never moves a record across one.
//
// Besides the regular quarterly series, three records exercise what step 3 keeps "however
// old" because a kept deployment's evidence rests on it:
// - s0, the one staging deployment before every horizon the tests use (now − 8y + 4m), is
//   the last one before the horizon of api/staging, and the earliest such deployment of
//   service api: every change of api merged after it stays (c2, c3 at now − 7y);
// - c-old, merged now − 8y + 5d (before s0 and every deployment), listed by d4 alone;
// - a `sast` check on d4's commit, completed now − 8y + 5d.

import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { toEngineConfig } from "../../../src/config/engine-config.ts";
import type { ConfigFile } from "../../../src/config/schema.ts";
import type { RecordSet } from "../../../src/domain/records.ts";
import { effectiveEngine } from "../../../src/evidence/adopt-policies.ts";
import { productionCandidates } from "../../../src/evidence/ledger-gaps.ts";
import { parseConfigText } from "../../../src/sources/config-file.ts";
import type { Store } from "../../../src/store/store.ts";

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** `base` moved by whole calendar years and months (UTC), then by `extraMs`. */
export function cal(base: number, years: number, months = 0, extraMs = 0): number {
  const d = new Date(base);
  d.setUTCFullYear(d.getUTCFullYear() + years, d.getUTCMonth() + months);
  return d.getTime() + extraMs;
}

/** Seven calendar years after `ms` (JavaScript rolls 29 February over to 1 March). */
export const plusYears = (ms: number, years: number) => cal(ms, years);

export const sha = (n: number) => n.toString(16).padStart(40, "a").slice(-40);

export function configText(archive: string, retention = "", compliance = "[ci]"): string {
  return [
    "version: kpi-exporter/v1",
    "teams:",
    "  - name: payments",
    "    services: [{ name: api }]",
    "compliance:",
    "  controls:",
    `    required_checks: ${compliance}`,
    "retention:",
    `  archive: ${archive}`,
    "  segment_records: 5",
    ...retention
      .split("\n")
      .filter(Boolean)
      .map((line) => `  ${line}`),
  ].join("\n");
}

export const configOf = (archive: string, retention = "", compliance = "[ci]"): ConfigFile =>
  parseConfigText(configText(archive, retention, compliance));

/** The instants of the 8-year store, all calendar offsets from now. */
export function timesOf(now: number) {
  // Deployment i (0..31) finished one quarter after the other, 10 days into the quarter
  // that began 8 years ago: F_i = now − 8y + 3i months + 10 days. Its evidence is appended
  // an hour later (t_i). D0..D3 finished before now − 7y; D4 finished at now − 7y + 10d.
  const finished = Array.from({ length: 32 }, (_, i) => cal(now, -8, 3 * i, 10 * DAY));
  return {
    finished,
    appended: finished.map((f) => f + HOUR),
    /** Policy v1 first seen 8 years ago, before everything. */
    policy1: cal(now, -8),
    /** Policy v2 (required [ci, sast]) first seen a day after D2 finished (F_2 + 1 day). */
    policy2: (finished[2] as number) + DAY,
  };
}

/** Every record of the store; see the counts in the test files. */
export function eightYears(now: number): RecordSet {
  const { finished } = timesOf(now);
  const y = (years: number, months = 0, days = 0) => cal(now, years, months, days * DAY);
  const deployments: RecordSet["deployments"] = finished.map((f, i) => ({
    id: `d${i}`,
    service: "api",
    environment: "production",
    finishedAt: f,
    startedAt: f - 10 * MIN,
    commitSha: sha(i + 1),
    status: "success",
    // d4 also ships c-old, merged long before (a change that waited years to go out).
    changes: i === 4 ? [`c${i}`, "c-old"] : [`c${i}`],
    approvals: [],
  }));
  // Two staging deployments: s0 finished at now − 8y + 4m (between d1 and d2, past), s1 a
  // month ago (kept).
  for (const [id, at] of [
    ["s0", y(-8, 4)],
    ["s1", y(0, -1)],
  ] as const)
    deployments.push({
      id,
      service: "api",
      environment: "staging",
      finishedAt: at,
      commitSha: sha(100),
      status: "success",
      approvals: [],
    });
  return {
    deployments,
    changes: [
      ...finished.map((f, i) => ({
        id: `c${i}`,
        service: "api",
        mergedAt: f - 2 * HOUR,
        createdAt: f - DAY,
        mergeCommitSha: sha(i + 1),
        labels: [],
        commits: [{ sha: sha(i + 1), authoredAt: f - DAY }],
        linkedItems: [],
        approvals: [],
      })),
      // c-old: merged at now − 8y + 5d, shipped (listed) by d4 only.
      {
        id: "c-old",
        service: "api",
        mergedAt: y(-8, 0, 5),
        createdAt: y(-8, 0, 4),
        mergeCommitSha: sha(50),
        labels: [],
        commits: [{ sha: sha(50), authoredAt: y(-8, 0, 4) }],
        linkedItems: [],
        approvals: [],
      },
    ],
    checks: [
      ...finished.map((f, i) => ({
        commitSha: sha(i + 1),
        name: "ci",
        conclusion: "success",
        completedAt: f - HOUR,
        service: "api",
      })),
      // A `sast` run on d4's commit, completed at now − 8y + 5d (years before d4 finished).
      {
        commitSha: sha(5),
        name: "sast",
        conclusion: "success",
        completedAt: y(-8, 0, 5),
        service: "api",
      },
    ],
    incidents: [
      // i0, i1 resolved before now − 7y (past); i2 started before but resolved after
      // (kept); i3 started 8 years ago and is still open (kept); i4 last year (kept).
      { id: "i0", service: "api", startedAt: y(-8, 0, 20), resolvedAt: y(-8, 0, 21) },
      { id: "i1", service: "api", startedAt: y(-7, 0, -30), resolvedAt: y(-7, 0, -20) },
      { id: "i2", service: "api", startedAt: y(-7, 0, -15), resolvedAt: y(-7, 0, 15) },
      { id: "i3", service: "api", startedAt: y(-8) },
      { id: "i4", service: "api", startedAt: y(-1), resolvedAt: y(-1, 0, 1) },
    ],
    vulnerabilities: [
      // v0 fixed and v1 dismissed before now − 7y (past); v2 open since 8 years ago,
      // v3 fixed and v5 dismissed a month after now − 7y, v4 fixed last year (all kept).
      { id: "v0", service: "api", severity: "high", openedAt: y(-8, 1), fixedAt: y(-8, 2) },
      {
        id: "v1",
        service: "api",
        severity: "low",
        openedAt: y(-7, -6),
        dismissedAt: y(-7, -1),
        dismissedReason: "tolerable_risk",
      },
      { id: "v2", service: "api", severity: "critical", openedAt: y(-8) },
      { id: "v3", service: "api", severity: "medium", openedAt: y(-7, -2), fixedAt: y(-7, 1) },
      { id: "v4", service: "api", severity: "high", openedAt: y(-2), fixedAt: y(-1) },
      {
        id: "v5",
        service: "api",
        severity: "low",
        openedAt: y(-8),
        dismissedAt: y(-7, 1),
        dismissedReason: "false_positive",
      },
    ],
    costs: [
      // Quarterly rows k0..k31, [now − 8y + 3i months + 10d, the same + 3 months):
      // k0..k2 end before now − 7y (k2 ends at now − 7y − 3m + 10d); k3 ends at
      // now − 7y + 10d. k-long runs from now − 7y − 6m to now − 6y − 6m (kept).
      ...finished.map((_, i) => ({
        id: `k${i}`,
        amount: 100 + i,
        originalAmount: 100 + i,
        originalCurrency: "USD",
        periodStart: y(-8, 3 * i, 10),
        periodEnd: y(-8, 3 * i + 3, 10),
        category: "cloud" as const,
        service: "api",
      })),
      {
        id: "k-long",
        amount: 5,
        originalAmount: 5,
        originalCurrency: "USD",
        periodStart: y(-7, -6),
        periodEnd: y(-6, -6),
        category: "ci" as const,
        service: "api",
      },
    ],
    experiments: [
      // x0 belongs to c1 (merged before s0 finished), x1 to c20 (kept).
      {
        id: "x0",
        changeId: "c1",
        currency: "USD",
        controlMean: 1,
        treatmentMean: 2,
        treatmentUnits: 10,
      },
      {
        id: "x1",
        changeId: "c20",
        currency: "USD",
        controlMean: 1,
        treatmentMean: 3,
        treatmentUnits: 10,
      },
    ],
  };
}

export interface Built {
  records: RecordSet;
  engine: Awaited<ReturnType<typeof effectiveEngine>>;
}

/**
 * Upserts every record, then appends the ledger as a running exporter would have: policy
 * v1 at `policy1`, D0..D2 at t_0..t_2, policy v2 at `policy2`, then D3..D31 at t_3..t_31.
 * Ledger: seq 1 policy v1, seq 2..4 = d0..d2, seq 5 policy v2, seq i + 3 = d_i (i ≥ 3);
 * head 34. `between(i)` runs after D_i's append (for a running retention).
 */
export async function buildEightYears(
  store: Store,
  now: number,
  between: (i: number, t: number) => Promise<void> = async () => {},
): Promise<Built> {
  const records = eightYears(now);
  const times = timesOf(now);
  await store.upsert(records);
  const adopt = (compliance: string, at: number) => {
    const config = configOf("/unused", "", compliance);
    return effectiveEngine(store, config, toEngineConfig(config), { now: at, record: true });
  };
  let engine = await adopt("[ci]", times.policy1);
  for (let i = 0; i < 32; i++) {
    if (i === 3) engine = await adopt("[ci, sast]", times.policy2);
    const t = times.appended[i] as number;
    const loaded = await store.load();
    await store.evidence.append(productionCandidates(loaded, engine, t), {
      asOf: t,
      recordedAt: t,
    });
    await between(i, t);
  }
  return { records, engine };
}

/** A sealed segment as the rule describes it: a JSON header line, then one record a line. */
export interface Segment {
  header: Record<string, unknown>;
  lines: string[];
}

export function parseSegment(text: string): Segment {
  const [first = "", ...rest] = text.split("\n");
  if (rest.at(-1) === "") rest.pop();
  return { header: JSON.parse(first) as Record<string, unknown>, lines: rest };
}

/** `ledger/segment-<first>-<last>.ndjson`, each number padded to 12 digits (by hand below). */
export const SEGMENT_NAME = /^segment-\d{12}-\d{12}\.ndjson$/;

/** The record kinds, all zero. */
export const NONE = {
  deployment: 0,
  change: 0,
  incident: 0,
  check: 0,
  vulnerability: 0,
  cost: 0,
  experiment: 0,
};

/** What `eightYears` holds (counted by hand from the lists above). */
export const EIGHT_YEARS = {
  deployment: 34, // d0..d31 and s0, s1
  change: 33, // c0..c31 and c-old
  incident: 5,
  check: 33, // ci on each d_i's commit, and sast on d4's
  vulnerability: 6,
  cost: 33, // k0..k31 and k-long
  experiment: 2,
};

// The ledger of the 8-year store (fixture.ts): seq 1 policy v1, 2..4 = d0..d2, 5 policy v2,
// i + 3 = d_i for i = 3..31; head 34. With segment_records 5 one run seals 34 records as
// [1-5] [6-10] [11-15] [16-20] [21-25] [26-30] [31-34] (the last holds 4).
export const SEGMENTS: [string, number, number][] = [
  ["segment-000000000001-000000000005.ndjson", 1, 5],
  ["segment-000000000006-000000000010.ndjson", 6, 10],
  ["segment-000000000011-000000000015.ndjson", 11, 15],
  ["segment-000000000016-000000000020.ndjson", 16, 20],
  ["segment-000000000021-000000000025.ndjson", 21, 25],
  ["segment-000000000026-000000000030.ndjson", 26, 30],
  ["segment-000000000031-000000000034.ndjson", 31, 34],
];

/** Each segment's newest record: its last (appends are in time order). */
export function newestOf(now: number): number[] {
  const t = timesOf(now);
  const d = (i: number) => t.appended[i] as number;
  // [1-5] ends with policy v2; [a-b] with b ≥ 6 ends with d_(b−3).
  return [t.policy2, d(7), d(12), d(17), d(22), d(27), d(31)];
}

export async function archiveFiles(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(join(dir, "ledger"))).filter((n) => n.endsWith(".ndjson")).sort();
  const files = new Map<string, Buffer>();
  for (const name of names) files.set(name, await readFile(join(dir, "ledger", name)));
  return files;
}

/** A fresh directory archive, removed when the test finishes. */
export async function archiveDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
