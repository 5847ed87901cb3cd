import { expect, test } from "vitest";
import { toEngineConfig } from "../../src/config/engine-config.ts";
import { parseCanonical } from "../../src/domain/canonical-json.ts";
import { isPolicyRecord, type LedgerRecord } from "../../src/domain/evidence-record.ts";
import { effectiveEngine } from "../../src/evidence/adopt-policies.ts";
import { checkLedger } from "../../src/evidence/ledger-check.ts";
import { recordEvidence } from "../../src/evidence/record-evidence.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import type { Store } from "../../src/store/store.ts";
import { check, deployment, ms, shaOf } from "../engine/helpers.ts";
import type { OpenStore } from "./ledger-fixture.ts";
import { storesOf } from "./ledger-fixture.ts";

// Config changes that must not re-judge the past (METRICS.md decision 131), on a real
// store: a team's own section added later, and undated controls given the effective_from
// of the same controls. Deployments pass sast and have no trivy result.

const SAST = { controls: { required_checks: ["sast"] } };
const SAST_TRIVY = { controls: { required_checks: ["sast", "trivy"] } };
const T1 = ms("2026-03-01T00:00:00Z");
const T2 = ms("2026-03-15T00:00:00Z");
const T3 = ms("2026-04-01T00:00:00Z");

const configOf = (compliance: Record<string, unknown>, team?: Record<string, unknown>) =>
  parseConfig({
    version: "kpi-exporter/v1",
    teams: [{ name: "payments", services: [{ name: "checkout" }], compliance: team }],
    compliance,
  });

const deployed = (id: string, at: string) => ({
  deployments: [deployment({ id, at })],
  checks: [check(shaOf(id), "sast", "success", at)],
});

async function judge(
  s: Store,
  now: number,
  org: Record<string, unknown>,
  team?: Record<string, unknown>,
) {
  const config = configOf(org, team);
  const engine = await effectiveEngine(s, config, toEngineConfig(config), { now, record: true });
  await recordEvidence(s, { records: await s.load(), engine, asOf: T3, now: () => now });
  return engine;
}

/** Every deployment record in ledger order: id, compliant, whether it supersedes. */
async function deploymentRecords(s: Store) {
  return (await s.evidence.rows())
    .map((r) => parseCanonical(r.text) as LedgerRecord)
    .flatMap((r) =>
      isPolicyRecord(r) ? [] : [[r.deploymentId, r.verdict.compliant, r.supersedes ?? null]],
    );
}

export function definePolicyScopeSuite(open: OpenStore): void {
  const store = storesOf(open);

  test("a team's own section added later judges only what finishes after it is first seen", async () => {
    const s = await store();
    await s.upsert(deployed("d1", "2026-01-10T10:00:00Z"));
    await s.upsert(deployed("d2", "2026-02-10T10:00:00Z"));
    await judge(s, T1, SAST);
    await s.upsert(deployed("d3", "2026-03-20T10:00:00Z"));
    const engine = await judge(s, T2, SAST, SAST_TRIVY);
    // d1 and d2 keep their single passing record; d3, after Mar 15, fails the team's trivy.
    expect(await deploymentRecords(s)).toEqual([
      ["d1", true, null],
      ["d2", true, null],
      ["d3", false, null],
    ]);
    const team = (await s.evidence.policies()).filter((p) => p.scope === "team/payments");
    expect(team.map((p) => [p.effectiveFrom, p.rejudges])).toEqual([
      [null, false],
      ["2026-03-15T00:00:00.000Z", false],
    ]);
    const checked = await checkLedger(s, engine, T3);
    expect([checked.issues, checked.gaps]).toEqual([[], []]);
  }, 120_000);

  test("undated controls dated from the past with the same controls re-judge nothing", async () => {
    const s = await store();
    await s.upsert(deployed("d1", "2025-12-10T10:00:00Z"));
    await s.upsert(deployed("d2", "2026-02-10T10:00:00Z"));
    await judge(s, T1, SAST);
    const dated = {
      policies: [
        { effective_from: "2026-01-01T00:00:00Z", controls: SAST.controls },
        { effective_from: "2026-06-01T00:00:00Z", controls: SAST_TRIVY.controls },
      ],
    };
    const engine = await judge(s, T2, dated);
    expect(await deploymentRecords(s)).toEqual([
      ["d1", true, null],
      ["d2", true, null],
    ]);
    expect((await s.evidence.policies()).map((p) => [p.effectiveFrom, p.rejudges])).toEqual([
      [null, false],
      ["2026-01-01T00:00:00.000Z", false],
      ["2026-06-01T00:00:00.000Z", false],
    ]);
    const checked = await checkLedger(s, engine, T3);
    expect([checked.issues, checked.gaps]).toEqual([[], []]);
  }, 120_000);
}
