import { expect, test } from "vitest";
import { toEngineConfig } from "../../src/config/engine-config.ts";
import { parseCanonical } from "../../src/domain/canonical-json.ts";
import { isPolicyRecord, type LedgerRecord } from "../../src/domain/evidence-record.ts";
import { effectiveEngine } from "../../src/evidence/adopt-policies.ts";
import { checkLedger } from "../../src/evidence/ledger-check.ts";
import { productionCandidates } from "../../src/evidence/ledger-gaps.ts";
import { buildPackage } from "../../src/evidence/package.ts";
import { packageCsv, parsePackageCsv } from "../../src/evidence/package-csv.ts";
import { chainPolicies, policiesInForce } from "../../src/evidence/policies-view.ts";
import { recordEvidence } from "../../src/evidence/record-evidence.ts";
import { checkableJson, verifyPackage } from "../../src/evidence/verify-package.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import type { Store } from "../../src/store/store.ts";
import { check, deployment, ms, shaOf } from "../engine/helpers.ts";
import type { OpenStore } from "./ledger-fixture.ts";
import { storesOf } from "./ledger-fixture.ts";

// Policy records in the ledger (METRICS.md decisions 131–132), on a real store: a config
// whose controls change keeps the verdicts of deployments already judged; only an explicit
// effective_from in the past re-judges, and the ledger records that re-judgement.

const SAST = { controls: { required_checks: ["sast"] } };
const SAST_TRIVY = { controls: { required_checks: ["sast", "trivy"] } };
const DATED = {
  policies: [
    { effective_from: "2026-02-01T00:00:00Z", controls: { required_checks: ["sast", "trivy"] } },
  ],
};
const T1 = ms("2026-03-01T00:00:00Z");
const T2 = ms("2026-03-15T00:00:00Z");
const T3 = ms("2026-04-01T00:00:00Z");

const configOf = (compliance: Record<string, unknown>) =>
  parseConfig({
    version: "kpi-exporter/v1",
    teams: [{ name: "payments", services: [{ name: "checkout" }] }],
    compliance,
  });

/** Deployments with sast passing and no trivy result: they fail any policy requiring trivy. */
const deployed = (id: string, at: string) => ({
  deployments: [deployment({ id, at })],
  checks: [check(shaOf(id), "sast", "success", at)],
});

/** The exporter sees the config at `now` and records the evidence at Apr 1. */
async function judge(store: Store, compliance: Record<string, unknown>, now: number) {
  const config = configOf(compliance);
  const engine = await effectiveEngine(store, config, toEngineConfig(config), {
    now,
    record: true,
  });
  await recordEvidence(store, { records: await store.load(), engine, asOf: T3, now: () => now });
  return engine;
}

async function ledger(store: Store): Promise<LedgerRecord[]> {
  return (await store.evidence.rows()).map((r) => parseCanonical(r.text) as LedgerRecord);
}

/** Each deployment's latest record: compliant, policy cited, re-judgement reason. */
async function latest(store: Store) {
  const out = new Map<string, [boolean, string | undefined, string | undefined]>();
  for (const r of await ledger(store))
    if (!isPolicyRecord(r)) out.set(r.deploymentId, [r.verdict.compliant, r.policy, r.rejudged]);
  return out;
}

export function definePolicyLedgerSuite(open: OpenStore): void {
  const store = storesOf(open);

  test("an undated change judges from when first seen; only a past effective_from re-judges", async () => {
    const s = await store();
    await s.upsert(deployed("d1", "2026-01-10T10:00:00Z"));
    await s.upsert(deployed("d2", "2026-02-10T10:00:00Z"));
    await judge(s, SAST, T1);
    const policies1 = await s.evidence.policies();
    expect(policies1.map((p) => [p.scope, p.effectiveFrom, p.firstSeen])).toEqual([
      ["organisation", null, "2026-03-01T00:00:00.000Z"],
    ]);
    const a = policies1[0]?.digest;
    expect(await latest(s)).toEqual(
      new Map([
        ["d1", [true, a, undefined]],
        ["d2", [true, a, undefined]],
      ]),
    );

    // Undated tightening seen on Mar 15: d1 and d2 keep their verdicts; d3 after it fails.
    await s.upsert(deployed("d3", "2026-03-20T10:00:00Z"));
    await judge(s, SAST_TRIVY, T2);
    const policies2 = await s.evidence.policies();
    expect(policies2.map((p) => [p.effectiveFrom, p.rejudges])).toEqual([
      [null, false],
      ["2026-03-15T00:00:00.000Z", false],
    ]);
    const b = policies2[1]?.digest;
    expect(await latest(s)).toEqual(
      new Map([
        ["d1", [true, a, undefined]],
        ["d2", [true, a, undefined]],
        ["d3", [false, b, undefined]],
      ]),
    );
    // The same config seen again appends nothing: no policy, no deployment record.
    const before = (await s.evidence.head()).seq;
    await judge(s, SAST_TRIVY, T3);
    expect((await s.evidence.head()).seq).toBe(before);

    // An explicit effective_from of Feb 1, in the past: d2 is re-judged and now fails, d1
    // (before it) and d3 (after the Mar 15 version) are not.
    await judge(s, DATED, T3);
    const policies3 = await s.evidence.policies();
    const dated = policies3[2];
    expect([dated?.effectiveFrom, dated?.rejudges]).toEqual(["2026-02-01T00:00:00.000Z", true]);
    expect(policies3).toHaveLength(3);
    const reason = `re-judged by policy ${dated?.digest}: explicit effective_from 2026-02-01T00:00:00.000Z before the policy was first seen: re-judges the deployments that finished from then on`;
    expect(await latest(s)).toEqual(
      new Map([
        ["d1", [true, a, undefined]],
        ["d2", [false, dated?.digest, reason]],
        ["d3", [false, b, undefined]],
      ]),
    );
    const d2 = (await ledger(s)).filter((r) => r.deploymentId === "d2");
    expect(d2.map((r) => (isPolicyRecord(r) ? null : r.supersedes))).toEqual([null, d2[0]?.seq]);

    // The ledger is intact and holds every deployment as judged now.
    const engine = await effectiveEngine(s, configOf(DATED), toEngineConfig(configOf(DATED)), {
      now: T3,
      record: false,
    });
    const checked = await checkLedger(s, engine, T3);
    expect([checked.issues, checked.gaps]).toEqual([[], []]);
  }, 120_000);

  test("a package spanning a policy change verifies offline and names both policies", async () => {
    const s = await store();
    await s.upsert(deployed("d1", "2026-03-05T10:00:00Z"));
    await judge(s, SAST, T1 + 10 * 86_400_000); // Mar 11
    await s.upsert(deployed("d2", "2026-03-20T10:00:00Z"));
    await judge(s, SAST_TRIVY, T2); // Mar 15: the second policy
    const [a, b] = (await s.evidence.policies()).map((p) => p.digest);
    const pkg = buildPackage(await s.evidence.rows(), await s.evidence.head(), {
      from: "2026-03-01T00:00:00.000Z",
      to: "2026-04-01T00:00:00.000Z",
      exportedAt: "2026-04-02T00:00:00.000Z",
    });
    expect(pkg.deployments.map((d) => [d.deploymentId, d.compliant, d.policy])).toEqual([
      ["d1", true, a],
      ["d2", false, b],
    ]);
    expect(pkg.policies.map((p) => [p.digest, p.effectiveFrom])).toEqual([
      [a, null],
      [b, "2026-03-15T00:00:00.000Z"],
    ]);
    const offline = JSON.parse(JSON.stringify(pkg));
    expect(verifyPackage(checkableJson(offline))).toEqual([]);
    // Which controls were in force, offline from the CSV form's chain.
    const fromCsv = chainPolicies(parsePackageCsv(packageCsv(pkg)).chain);
    const at = (iso: string) => policiesInForce(fromCsv, ms(iso)).map((p) => p.controls);
    expect(at("2026-03-14T00:00:00Z")).toEqual([{ required_checks: ["sast"] }]);
    expect(at("2026-03-15T00:00:00Z")).toEqual([{ required_checks: ["sast", "trivy"] }]);
    // Leaving a policy out of the listing is named.
    offline.policies = offline.policies.slice(0, 1);
    expect(verifyPackage(checkableJson(offline)).map((i) => i.where)).toEqual(["policies"]);
  }, 120_000);
  test("a ledger from before policies were recorded still verifies, and is re-judged only explicitly", async () => {
    const s = await store();
    await s.upsert(deployed("d1", "2026-01-10T10:00:00Z"));
    await s.upsert(deployed("d2", "2026-02-10T10:00:00Z"));
    // Appended as the exporter did before: no policy cited, no policy record.
    const old = toEngineConfig(configOf(SAST));
    const bare = productionCandidates(await s.load(), old, T1).map(
      ({ policy: _policy, rejudges: _rejudges, ...rest }) => rest,
    );
    await s.evidence.append(bare, { asOf: T1, recordedAt: T1 });
    const engine = await effectiveEngine(s, configOf(SAST), old, { now: T2, record: false });
    const checked = await checkLedger(s, engine, T3);
    expect([checked.issues, checked.gaps]).toEqual([[], []]);
    // Seeing the same controls records the policy and appends no deployment record.
    await judge(s, SAST, T2);
    expect((await ledger(s)).map((r) => r.deploymentId)).toEqual([
      "d1",
      "d2",
      "policy:organisation",
    ]);
    // A dated policy from Feb 1 re-judges d2 only.
    await judge(s, DATED, T3);
    expect((await ledger(s)).slice(3).map((r) => r.deploymentId)).toEqual([
      "policy:organisation",
      "d2",
    ]);
  }, 120_000);
}
