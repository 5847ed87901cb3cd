import { iso } from "./instant.ts";
import type {
  Change,
  CostRow,
  Deployment,
  Incident,
  RecordKind,
  RecordSet,
  Vulnerability,
} from "./records.ts";

// The pairs of times in one record that the contract relates (decision 151), on domain
// records: whatever built them — an import line or a collector reading an API — a record
// whose later time comes before its earlier one would give a negative duration the engine
// could only clamp to 0, flattering the KPI.

/**
 * The one pair whose two times come from different clocks: a commit's author time is set
 * by the developer's machine, its change's merge time by the forge. Author clocks running
 * ahead by up to this much are tolerated; both times of every other pair come from the
 * same system.
 */
export const COMMIT_CLOCK_SKEW_MS = 60 * 60 * 1000;

function outOfOrder(
  earlierName: string,
  earlier: number | undefined,
  laterName: string,
  later: number | undefined,
  toleranceMs = 0,
): string | undefined {
  if (earlier === undefined || later === undefined || earlier <= later + toleranceMs)
    return undefined;
  return `${earlierName} ${iso(earlier)} is after ${laterName} ${iso(later)}`;
}

const CHECKS = {
  deployments: (d: Deployment) => outOfOrder("startedAt", d.startedAt, "finishedAt", d.finishedAt),
  changes: (c: Change) =>
    outOfOrder("createdAt", c.createdAt, "mergedAt", c.mergedAt) ??
    c.commits
      .map((commit) =>
        outOfOrder(
          `commit ${commit.sha.slice(0, 7)} authoredAt`,
          commit.authoredAt,
          "mergedAt",
          c.mergedAt,
          COMMIT_CLOCK_SKEW_MS,
        ),
      )
      .find((problem) => problem !== undefined),
  incidents: (i: Incident) => outOfOrder("startedAt", i.startedAt, "resolvedAt", i.resolvedAt),
  vulnerabilities: (v: Vulnerability) =>
    outOfOrder("openedAt", v.openedAt, "fixedAt", v.fixedAt) ??
    outOfOrder("openedAt", v.openedAt, "dismissedAt", v.dismissedAt),
  costs: (c: CostRow) => outOfOrder("periodStart", c.periodStart, "periodEnd", c.periodEnd),
};

export interface OutOfOrder {
  kind: RecordKind;
  id: string;
  why: string;
}

const KIND: Record<keyof typeof CHECKS, RecordKind> = {
  deployments: "deployment",
  changes: "change",
  incidents: "incident",
  vulnerabilities: "vulnerability",
  costs: "cost",
};

/** The records in time order, and those that are not with why. */
export function splitByTimeOrder(records: Partial<RecordSet>): {
  ordered: Partial<RecordSet>;
  refused: OutOfOrder[];
} {
  const ordered: Partial<RecordSet> = { ...records };
  const refused: OutOfOrder[] = [];
  for (const field of Object.keys(CHECKS) as (keyof typeof CHECKS)[]) {
    const list = records[field] as { id: string }[] | undefined;
    const check = CHECKS[field] as ((r: unknown) => string | undefined) | undefined;
    if (!list || !check) continue;
    const kept = list.filter((record) => {
      const why = check(record);
      if (why !== undefined) refused.push({ kind: KIND[field], id: record.id, why });
      return why === undefined;
    });
    if (kept.length !== list.length) (ordered as Record<string, unknown>)[field] = kept;
  }
  return { ordered, refused };
}
