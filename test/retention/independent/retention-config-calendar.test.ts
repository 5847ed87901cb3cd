// Independent check of METRICS.md decision 156's periods, written from the rule text alone:
// "`7y` is seven calendar years, so 29 February ends on 1 March; `2555d` or `52w` are
// exact", and `ledger` is "never shorter than `records`".
//
// Readings: seven calendar years hold at most two 29 Februaries and, across 2100 (not a
// leap year: 1 Mar 2096 → 1 Mar 2103), none; so 7y is 2555, 2556 or 2557 days. "Never
// shorter" then refuses `ledger: 2555d` or `2556d` under `records: 7y`, and `ledger: 7y`
// under `records: 2556d` or `2557d`; it accepts `ledger: 7y` over `records: 2555d` and
// `ledger: 2557d` over `records: 7y`. With `records: 8y` alone, the default ledger (7y) is
// shorter.
import { describe, expect, test } from "vitest";
import { toEngineConfig } from "../../../src/config/engine-config.ts";
import type { RecordSet } from "../../../src/domain/records.ts";
import { productionCandidates } from "../../../src/evidence/ledger-gaps.ts";
import { runRetention } from "../../../src/retention/run-retention.ts";
import { parseConfigText } from "../../../src/sources/config-file.ts";
import { storeBackends } from "../../support/store-backends.ts";
import {
  archiveDir,
  archiveFiles,
  configOf,
  configText,
  HOUR,
  NONE,
  parseSegment,
  sha,
} from "./fixture.ts";

const retentionConfig = (fields: string) => configText("/tmp/archive", fields);

describe("retention periods in the config", () => {
  const refused = (fields: string) => {
    let error: Error | undefined;
    try {
      parseConfigText(retentionConfig(fields));
    } catch (e) {
      error = e as Error;
    }
    expect(error, `${fields} is refused`).toBeDefined();
    expect(error?.message).toMatch(/ledger/);
  };
  const accepted = (fields: string) =>
    expect(() => parseConfigText(retentionConfig(fields)), fields).not.toThrow();

  test("a ledger kept shorter than the records is refused, naming `ledger`", () => {
    refused("records: 7y\nledger: 5y");
    refused("records: 7y\nledger: 2555d");
    refused("records: 7y\nledger: 2556d");
    refused("records: 2557d\nledger: 7y");
    refused("records: 2556d\nledger: 7y");
    refused("records: 8y");
    refused("records: 1y\nledger: 52w");
  });

  const softly = (fields: string) =>
    expect.soft(() => parseConfigText(retentionConfig(fields)), fields).not.toThrow();

  test("a ledger kept at least as long as the records is accepted", () => {
    accepted("");
    // (soft from here, so that each pair is reported)
    softly("records: 7y\nledger: 7y");
    softly("records: 7y\nledger: 2557d");
    softly("records: 2555d\nledger: 7y");
    softly("records: 52w\nledger: 1y");
    softly("records: 5y\nledger: 7y");
  });
});

const ms = (iso: string) => Date.parse(iso);
const LEAP = ms("2024-02-29T00:00:00.000Z");
const MARCH = ms("2024-03-01T12:00:00.000Z");
const MARCH_MIDNIGHT = ms("2024-03-01T00:00:00.000Z");

/**
 * One record of each kind over at 29 February 2024, 00:00; a production deployment
 * `next`, listing no change, at 1 March 00:00 (so that `leap` is not the last production
 * deployment before a horizon between them, which step 3 keeps however old), and a staging
 * deployment at 1 March 12:00.
 */
function leapRecords(): RecordSet {
  return {
    deployments: [
      {
        id: "leap",
        service: "api",
        environment: "production",
        finishedAt: LEAP,
        commitSha: sha(1),
        status: "success",
        changes: ["c-leap"],
        approvals: [],
      },
      {
        id: "next",
        service: "api",
        environment: "production",
        finishedAt: MARCH_MIDNIGHT,
        commitSha: sha(3),
        status: "success",
        changes: [],
        approvals: [],
      },
      {
        id: "march",
        service: "api",
        environment: "staging",
        finishedAt: MARCH,
        commitSha: sha(2),
        status: "success",
        approvals: [],
      },
    ],
    changes: [
      {
        id: "c-leap",
        service: "api",
        mergedAt: LEAP,
        mergeCommitSha: sha(1),
        labels: [],
        commits: [],
        linkedItems: [],
        approvals: [],
      },
    ],
    incidents: [{ id: "i-leap", service: "api", startedAt: LEAP - HOUR, resolvedAt: LEAP }],
    checks: [{ commitSha: sha(1), name: "ci", conclusion: "success", completedAt: LEAP }],
    vulnerabilities: [
      { id: "v-leap", service: "api", severity: "low", openedAt: LEAP - HOUR, fixedAt: LEAP },
    ],
    costs: [
      {
        id: "k-leap",
        amount: 1,
        originalAmount: 1,
        originalCurrency: "USD",
        periodStart: LEAP - 24 * HOUR,
        periodEnd: LEAP,
        category: "cloud",
        service: "api",
      },
    ],
    experiments: [
      {
        id: "x-leap",
        changeId: "c-leap",
        currency: "USD",
        controlMean: 1,
        treatmentMean: 2,
        treatmentUnits: 3,
      },
    ],
  };
}

const ONE_EACH = { ...NONE, deployment: 1, change: 1, incident: 1, check: 1 };
Object.assign(ONE_EACH, { vulnerability: 1, cost: 1, experiment: 1 });

describe.each(storeBackends("ret_ind_leap"))("calendar years on $name", (backend) => {
  /** The leap records in a store, the deployment's evidence appended at 29 Feb 00:00. */
  async function leapStore(dir: string, fields = "") {
    const store = await backend.open();
    const config = configOf(dir, fields);
    await store.upsert(leapRecords());
    const candidates = productionCandidates(await store.load(), toEngineConfig(config), LEAP);
    const appended = await store.evidence.append(candidates, { asOf: LEAP, recordedAt: LEAP });
    expect(appended.map((r) => r.deploymentId)).toEqual(["leap"]);
    if (!config.retention) throw new Error("the config has a retention section");
    return { store, retention: config.retention };
  }

  test("7y: a record over on 29 February is kept until 1 March seven years on", async () => {
    const dir = await archiveDir("ret-ind-leap-");
    const { store, retention } = await leapStore(dir);
    // Sealed the next day, [1-1] is retained until 29 Feb 2024 + 7y = 1 March 2031.
    const sealed = await runRetention(store, retention, ms("2024-03-01T00:00:00.000Z"), {});
    const [body] = (await archiveFiles(dir)).values();
    const { header } = parseSegment(body?.toString("utf8") ?? "");
    expect(header).toMatchObject({ first: 1, last: 1 });
    expect(Date.parse(String(header.retainUntil))).toBe(ms("2031-03-01T00:00:00.000Z"));
    expect(sealed.sealed.map((s) => s.retainUntilMs)).toEqual([ms("2031-03-01T00:00:00.000Z")]);
    // 28 Feb 2031, 23:59:59.999: 29 Feb 2024 + 7y is 1 Mar 2031 (and 1 Mar 2024 + 7y too),
    // after now; nothing is past.
    const before = await runRetention(store, retention, ms("2031-02-28T23:59:59.999Z"), {});
    expect({ ...NONE, ...before.records }).toEqual(NONE);
    expect(await store.counts()).toEqual({ ...ONE_EACH, deployment: 3 });
    expect(before.ledger?.deleted ?? 0).toBe(0);
    expect(await store.evidence.rows()).toHaveLength(1);
    // 1 Mar 2031, 00:00:00.001: 29 Feb 2024 + 7y = 1 Mar 2031 00:00 ≤ now, so the 29
    // February records and the ledger's segment are past; so is `next` (1 Mar 2024 00:00
    // + 7y = 1 Mar 2031 00:00); 1 March 12:00 (`march`) is not. What stays of the past:
    // - deployments: `next` is the last production one before the horizon and stays;
    //   `leap` goes (1). No staging deployment is past.
    // - c-leap: merged at 29 Feb 00:00, not after `next` (the earliest last-before-the-
    //   horizon deployment of api), and listed only by `leap`: it goes (1), x-leap with it.
    // - the check on leap's commit goes (leap finished before the horizon); the incident,
    //   finding and cost row go (1 each).
    const after = await runRetention(store, retention, ms("2031-03-01T00:00:00.001Z"), {});
    expect(after.records).toEqual(ONE_EACH);
    expect(await store.counts()).toEqual({ ...NONE, deployment: 2 });
    expect((await store.load()).deployments.map((d) => d.id).sort()).toEqual(["march", "next"]);
    expect(after.ledger).toMatchObject({ throughSeq: 1, deleted: 1 });
    expect(await store.evidence.rows()).toEqual([]);
  }, 120_000);

  test("2555d is exact: the same records are past on 28 February", async () => {
    // 29 Feb 2024 + 2557 days = 1 Mar 2031 (2024-03-01 → 2031-03-01 is 7 × 365 + 1 days,
    // 29 Feb 2028 being the one leap day), so 29 Feb 2024 + 2555 days = 27 Feb 2031 00:00.
    // At 28 Feb 2031, 23:59:59.999, now − 2555d = 1 Mar 2024, 23:59:59.999: the leap
    // records, `next` (1 March 00:00) and `march` (1 March 12:00) are older; now − 2557d =
    // 28 Feb 2024, 23:59:59.999, so the ledger's segment (newest 29 Feb 00:00) stays.
    // What stays of the past: `next` and `march`, the last production and staging
    // deployments before the horizon; `leap` goes (1). c-leap, merged before both (the
    // earliest is `next`) and listed by `leap` only, goes (1), x-leap with it; the check on
    // leap's commit, the incident, finding and cost row go (1 each).
    const dir = await archiveDir("ret-ind-days-");
    const { store, retention } = await leapStore(dir, "records: 2555d\nledger: 2557d");
    const run = await runRetention(store, retention, ms("2031-02-28T23:59:59.999Z"), {});
    expect(run.records).toEqual(ONE_EACH);
    expect(await store.counts()).toEqual({ ...NONE, deployment: 2 });
    expect((await store.load()).deployments.map((d) => d.id).sort()).toEqual(["march", "next"]);
    expect(run.ledger?.deleted ?? 0).toBe(0);
    expect(await store.evidence.rows()).toHaveLength(1);
  }, 120_000);
});
