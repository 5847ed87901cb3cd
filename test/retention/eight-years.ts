import type { RecordSet } from "../../src/domain/records.ts";
import { recordEvidence } from "../../src/evidence/record-evidence.ts";
import type { RetentionSettings } from "../../src/retention/run-retention.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import type { Store } from "../../src/store/store.ts";
import {
  change,
  check,
  cost,
  deployment,
  config as engineConfig,
  experiment,
  incident,
  ms,
  records,
  shaOf,
  vuln,
} from "../engine/helpers.ts";

// Eight years of one service, worked by hand against NOW = 2026-12-01: seven calendar years
// back is 2019-12-01, the horizon. Past it: d1, d2 with c1–c3 (merged before d3, the last
// deployment before the horizon, which stays as d4's predecessor), incident i-old, check
// k-old, finding v-fixed, cost row cost-old, experiment e1 (on c1). Kept: everything else,
// the incident and the finding opened in 2018 and never closed included, and the cost row
// whose period ends exactly at the horizon. And what d4's evidence rests on: c-old (merged in
// 2019-02 and listed by d4) and the check on d4's commit completed 2019-11-15.

export const NOW = ms("2026-12-01T00:00:00Z");
export const HORIZON = ms("2019-12-01T00:00:00Z");
export const FINISHED = {
  d1: "2018-06-01T10:00:00Z",
  d2: "2019-06-01T10:00:00Z",
  d3: "2019-11-01T10:00:00Z",
  d4: "2020-06-01T10:00:00Z",
  d5: "2024-06-01T10:00:00Z",
  d6: "2026-11-01T10:00:00Z",
} as const;
const HOUR = 3_600_000;
/** Each deployment's record is appended an hour after it finished, as a running exporter would. */
export const RECORDED = Object.fromEntries(
  Object.entries(FINISHED).map(([id, at]) => [id, ms(at) + HOUR]),
) as Record<keyof typeof FINISHED, number>;

const dayBefore = (at: string) => new Date(ms(at) - 86_400_000).toISOString();

export function eightYears(): RecordSet {
  const ids = Object.keys(FINISHED) as (keyof typeof FINISHED)[];
  return records({
    // d4, the first deployment after the horizon, also lists c-old, merged long before.
    deployments: ids.map((id, i) =>
      deployment({
        id,
        at: FINISHED[id],
        changes: [`c${i + 1}`, ...(id === "d4" ? ["c-old"] : [])],
      }),
    ),
    changes: [
      ...ids.map((id, i) => change({ id: `c${i + 1}`, mergedAt: dayBefore(FINISHED[id]) })),
      change({ id: "c-old", mergedAt: "2019-02-01T00:00:00Z" }),
    ],
    incidents: [
      incident({
        id: "i-old",
        startedAt: "2019-01-01T00:00:00Z",
        resolvedAt: "2019-01-02T00:00:00Z",
      }),
      incident({ id: "i-open", startedAt: "2018-03-01T00:00:00Z" }),
      incident({
        id: "i-new",
        startedAt: "2024-01-01T00:00:00Z",
        resolvedAt: "2024-01-01T05:00:00Z",
      }),
    ],
    checks: [
      check(shaOf("d2"), "ci", "success", "2019-05-31T10:00:00Z"),
      check(shaOf("d5"), "ci", "success", "2024-05-31T10:00:00Z"),
      // On d4's commit, completed before the horizon: d4's evidence rests on it.
      check(shaOf("d4"), "ci", "success", "2019-11-15T10:00:00Z"),
    ],
    vulnerabilities: [
      vuln({
        id: "v-fixed",
        severity: "high",
        openedAt: "2018-01-01T00:00:00Z",
        fixedAt: "2019-02-01T00:00:00Z",
      }),
      vuln({ id: "v-open", severity: "low", openedAt: "2018-01-01T00:00:00Z" }),
      vuln({
        id: "v-dismissed",
        severity: "low",
        openedAt: "2018-01-01T00:00:00Z",
        dismissedAt: "2020-01-01T00:00:00Z",
      }),
    ],
    costs: [
      cost("cost-old", 10, "cloud", "2019-11-29T00:00:00Z", "checkout"),
      cost("cost-edge", 10, "cloud", "2019-11-30T00:00:00Z", "checkout"),
    ],
    experiments: [experiment("e1", "c1", [1, 2, 10]), experiment("e5", "c5", [1, 2, 10])],
  });
}

export const ENGINE = engineConfig();

/** The store as years of running left it: every record, and d1…d6 as ledger records 1–6. */
export async function seedEightYears(store: Store): Promise<RecordSet> {
  const all = eightYears();
  await store.upsert(all);
  for (const at of Object.values(RECORDED))
    await recordEvidence(store, { records: all, engine: ENGINE, asOf: at, now: () => at });
  return all;
}

export function retention(extra: Record<string, unknown>): RetentionSettings {
  const config = parseConfig({ version: "kpi-exporter/v1", retention: extra });
  if (!config.retention) throw new Error("no retention section");
  return config.retention;
}
