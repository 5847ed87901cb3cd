import { describe, expect, test } from "vitest";
import { type EngineConfig, toEngineConfig } from "../../src/config/engine-config.ts";
import { parseCanonical } from "../../src/domain/canonical-json.ts";
import { isPolicyRecord, type LedgerRecord } from "../../src/domain/evidence-record.ts";
import { effectiveEngine } from "../../src/evidence/adopt-policies.ts";
import { liveRefresh } from "../../src/http/live-refresh.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { check, deployment, ms, shaOf } from "../engine/helpers.ts";
import { storesOf } from "../evidence/ledger-fixture.ts";
import { schemaPerStore } from "../support/pg-schemas.ts";

// The serving process follows policy versions another process records while it runs
// (METRICS.md decision 131): from its next refresh it judges by them, as explain and
// reports do. d1 finished before the undated change was first seen (Mar 15), d2 after it;
// both pass sast and have no trivy result, so only d2 fails.

const T1 = ms("2026-03-01T00:00:00Z");
const T2 = ms("2026-03-15T00:00:00Z");
const AS_OF = ms("2026-04-01T00:00:00Z");
const configOf = (required: string[]) =>
  parseConfig({
    version: "kpi-exporter/v1",
    teams: [{ name: "payments", services: [{ name: "checkout" }] }],
    compliance: { controls: { required_checks: required } },
  });
const deployed = (id: string, at: string) => ({
  deployments: [deployment({ id, at })],
  checks: [check(shaOf(id), "sast", "success", at)],
});
/** Another process seeing this config at `now` records what it sees first. */
const adopt = (s: Store, required: string[], now: number) =>
  effectiveEngine(s, configOf(required), toEngineConfig(configOf(required)), { now, record: true });

async function verdicts(s: Store) {
  return (await s.evidence.rows())
    .map((r) => parseCanonical(r.text) as LedgerRecord)
    .flatMap((r) => (isPolicyRecord(r) ? [] : [[r.deploymentId, r.verdict.compliant, r.policy]]));
}

function defineSuite(open: () => Promise<Store>) {
  const store = storesOf(open);
  test("a policy version recorded elsewhere is judged by from the next refresh", async () => {
    const s = await store();
    await s.upsert(deployed("d1", "2026-03-10T10:00:00Z"));
    const engine = await adopt(s, ["sast"], T1);
    const judgedBy: EngineConfig[] = [];
    const live = liveRefresh(
      s,
      engine,
      { info: () => {} },
      undefined,
      () => true,
      (e) => {
        judgedBy.push(e);
      },
    );
    const refresh = async () => {
      const current = await live.load();
      await live.compute(current, AS_OF);
      await live.afterRefresh(current, AS_OF);
    };
    await refresh();
    expect(judgedBy).toEqual([]);
    const [a] = (await s.evidence.policies()).map((p) => p.digest);

    await adopt(s, ["sast", "trivy"], T2);
    await s.upsert(deployed("d2", "2026-03-20T10:00:00Z"));
    await refresh();
    const b = (await s.evidence.policies())[1]?.digest;
    expect(judgedBy.map((e) => e.organisationPolicies.map((v) => v.digest))).toEqual([[a, b]]);
    expect(await verdicts(s)).toEqual([
      ["d1", true, a],
      ["d2", false, b],
    ]);
    // Nothing new in the ledger's policies: the engine config stays, nothing is appended.
    const head = (await s.evidence.head()).seq;
    await refresh();
    expect([judgedBy.length, (await s.evidence.head()).seq]).toEqual([1, head]);
  }, 120_000);
}

const databaseUrl = process.env.TEST_DATABASE_URL;
describe("following the ledger's policies on PGlite", () => defineSuite(() => openStore()));
describe.skipIf(!databaseUrl)("following the ledger's policies on PostgreSQL", () => {
  const nextSchema = schemaPerStore(databaseUrl, "kpi_policy_follow_test");
  defineSuite(() => openStore({ databaseUrl, schema: nextSchema() }));
});
