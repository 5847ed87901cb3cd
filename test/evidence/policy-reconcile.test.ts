import { describe, expect, test } from "vitest";
import { declaredPolicies, inForce } from "../../src/config/policy-history.ts";
import type { EvidencePolicy } from "../../src/domain/evidence-record.ts";
import { effectiveHistories, reconcilePolicies } from "../../src/evidence/policy-records.ts";
import { parseConfig } from "../../src/sources/config-file.ts";

// Reconciling on a ledger that already judged (METRICS.md decision 131): a team's new
// section never re-judges its past silently, and a schedule the config dropped or moved
// never comes into force. Instants and expected controls are worked out by hand.

const at = (s: string) => Date.parse(`${s}T00:00:00Z`);
const CA1 = { change_approval: 1 };
const CA2 = { change_approval: 2 };

const declared = (compliance: Record<string, unknown>, team?: Record<string, unknown>) =>
  declaredPolicies(
    parseConfig({
      version: "kpi-exporter/v1",
      compliance,
      teams: [{ name: "payments", services: [{ name: "checkout" }], compliance: team }],
    }),
  );

/** The ledger after the exporter saw this config at `now`. */
const seen = (known: EvidencePolicy[], d: ReturnType<typeof declared>, now: string) => [
  ...known,
  ...reconcilePolicies(d, known, at(now)),
];
const controlsAt = (records: EvidencePolicy[], scope: string, when: string) =>
  inForce(effectiveHistories(records).get(scope) ?? [], at(when));
const SCHEDULED = { policies: [{ effective_from: "2026-01-01T00:00:00Z", controls: CA1 }] };
const withDec = (date: string) => ({
  policies: [...SCHEDULED.policies, { effective_from: `${date}T00:00:00Z`, controls: CA2 }],
});

describe("a team's own section first seen on a ledger that already judged", () => {
  const first = seen([], declared({ controls: CA1 }), "2026-01-01");

  test("undated: the organisation's history judges it until the instant first seen", () => {
    const drafts = reconcilePolicies(
      declared({ controls: CA1 }, { controls: CA2 }),
      first,
      at("2026-07-01"),
    );
    expect(drafts.map((d) => [d.scope, d.effectiveFrom, d.controls, d.rejudges])).toEqual([
      ["team/payments", null, CA1, false],
      ["team/payments", "2026-07-01T00:00:00.000Z", CA2, false],
    ]);
    const all = [...first, ...drafts];
    expect(controlsAt(all, "team/payments", "2026-03-01").controls).toEqual(CA1);
    expect(controlsAt(all, "team/payments", "2026-07-01").controls).toEqual(CA2);
  });

  test("a past effective_from re-judges from it and says so; a future one is scheduled", () => {
    const past = { policies: [{ effective_from: "2026-03-01T00:00:00Z", controls: CA2 }] };
    const rejudged = seen(first, declared({ controls: CA1 }, past), "2026-07-01");
    expect(rejudged.slice(1).map((d) => [d.effectiveFrom, d.controls, d.rejudges])).toEqual([
      [null, CA1, false],
      ["2026-03-01T00:00:00.000Z", CA2, true],
    ]);
    expect(controlsAt(rejudged, "team/payments", "2026-02-15").controls).toEqual(CA1);
    expect(controlsAt(rejudged, "team/payments", "2026-03-15").rejudges).toContain("re-judges");
    const future = { policies: [{ effective_from: "2026-09-01T00:00:00Z", controls: CA2 }] };
    const scheduled = seen(first, declared({ controls: CA1 }, future), "2026-07-01");
    expect(scheduled.slice(1).map((d) => [d.effectiveFrom, d.controls, d.rejudges])).toEqual([
      [null, CA1, false],
      ["2026-09-01T00:00:00.000Z", CA2, false],
    ]);
    expect(controlsAt(scheduled, "team/payments", "2026-08-31").controls).toEqual(CA1);
  });
});

describe("a scheduled policy the config no longer declares", () => {
  // Undated CA1 seen Jan 1; Feb 1 the config dates it from Jan 1 (same controls: nothing
  // re-judged) and schedules CA2 from Dec 1.
  const scheduled = seen(
    seen([], declared({ controls: CA1 }), "2026-01-01"),
    declared(withDec("2026-12-01")),
    "2026-02-01",
  );

  test("is cancelled when removed", () => {
    expect(scheduled.map((d) => [d.effectiveFrom, d.rejudges])).toEqual([
      [null, false],
      ["2026-01-01T00:00:00.000Z", false],
      ["2026-12-01T00:00:00.000Z", false],
    ]);
    const removed = seen(scheduled, declared(SCHEDULED), "2026-03-01");
    expect(removed.slice(3).map((d) => [d.effectiveFrom, d.controls])).toEqual([
      ["2026-12-01T00:00:00.000Z", CA1],
    ]);
    expect(controlsAt(removed, "organisation", "2026-12-15").controls).toEqual(CA1);
    // Scheduled again: the Dec 1 version comes back, later record winning at that instant.
    const again = seen(removed, declared(withDec("2026-12-01")), "2026-04-01");
    expect(controlsAt(again, "organisation", "2026-12-15").controls).toEqual(CA2);
    expect(reconcilePolicies(declared(withDec("2026-12-01")), again, at("2026-05-01"))).toEqual([]);
  });

  test("moves with its effective_from when postponed", () => {
    const moved = seen(scheduled, declared(withDec("2027-01-01")), "2026-03-01");
    expect(moved.slice(3).map((d) => [d.effectiveFrom, d.controls])).toEqual([
      ["2027-01-01T00:00:00.000Z", CA2],
      ["2026-12-01T00:00:00.000Z", CA1],
    ]);
    expect(controlsAt(moved, "organisation", "2026-12-15").controls).toEqual(CA1);
    expect(controlsAt(moved, "organisation", "2027-01-15").controls).toEqual(CA2);
  });
});

describe("a team whose own section went away", () => {
  const ORG = { policies: [{ effective_from: "2026-01-01T00:00:00Z", controls: CA1 }] };
  const first = seen([], declared(ORG, { controls: CA2 }), "2026-01-01");
  /** The config without the team's section: it follows the organisation's versions. */
  const without = (org: Record<string, unknown>, now: string) => {
    const d = declared(org);
    d.set("team/payments", d.get("organisation") ?? []);
    return [...first, ...reconcilePolicies(d, first, at(now), new Set(["team/payments"]))];
  };

  test("follows the organisation's from the instant first seen; its past keeps its verdicts", () => {
    const after = without(ORG, "2026-07-01");
    expect(after.slice(2).map((d) => [d.scope, d.effectiveFrom, d.controls, d.rejudges])).toEqual([
      ["team/payments", "2026-07-01T00:00:00.000Z", CA1, false],
    ]);
    expect(controlsAt(after, "team/payments", "2026-03-01").controls).toEqual(CA2);
  });

  test("is re-judged with the organisation by a past effective_from seen at the same time", () => {
    const CA3 = { change_approval: 3 };
    const org = {
      policies: [...ORG.policies, { effective_from: "2026-03-01T00:00:00Z", controls: CA3 }],
    };
    const after = without(org, "2026-07-01");
    expect(after.slice(2).map((d) => [d.scope, d.effectiveFrom, d.controls, d.rejudges])).toEqual([
      ["organisation", "2026-03-01T00:00:00.000Z", CA3, true],
      ["team/payments", "2026-03-01T00:00:00.000Z", CA3, true],
    ]);
    expect(controlsAt(after, "team/payments", "2026-02-01").controls).toEqual(CA2);
  });
});
