import { describe, expect, test } from "vitest";
import { declaredPolicies, inForce, policyDigest } from "../../src/config/policy-history.ts";
import type { EvidencePolicy } from "../../src/domain/evidence-record.ts";
import { effectiveHistories, reconcilePolicies } from "../../src/evidence/policy-records.ts";
import { parseConfig } from "../../src/sources/config-file.ts";

// The effective policy history (METRICS.md decision 131): the config's policies against
// what the ledger has seen. Instants are hand-picked; `now` is when this exporter looks.

const MAR = Date.parse("2026-03-01T00:00:00Z");
const APR = Date.parse("2026-04-01T00:00:00Z");

const declared = (compliance: Record<string, unknown>, teams: unknown[] = []) =>
  declaredPolicies(parseConfig({ version: "kpi-exporter/v1", compliance, teams }));

/** What the ledger holds after the exporter saw this config at `now`. */
function seen(compliance: Record<string, unknown>, now: number, known: EvidencePolicy[] = []) {
  return [...known, ...reconcilePolicies(declared(compliance), known, now)];
}

const org = (records: EvidencePolicy[]) => effectiveHistories(records).get("organisation") ?? [];

describe("reconciling the config's policies with the ledger's", () => {
  test("the first policy ever seen is in force from the beginning", () => {
    const first = seen({ controls: { required_checks: ["sast"] } }, MAR);
    expect(first).toEqual([
      expect.objectContaining({
        scope: "organisation",
        effectiveFrom: null,
        firstSeen: "2026-03-01T00:00:00.000Z",
        rejudges: false,
        controls: { required_checks: ["sast"] },
        digest: policyDigest("organisation", null, { required_checks: ["sast"] }),
      }),
    ]);
    // The same config seen again appends nothing.
    expect(
      reconcilePolicies(declared({ controls: { required_checks: ["sast"] } }), first, APR),
    ).toEqual([]);
  });

  test("an undated change is in force from the instant first seen, never before", () => {
    const first = seen({ controls: { required_checks: ["sast"] } }, MAR);
    const changed = reconcilePolicies(
      declared({ controls: { required_checks: ["sast", "trivy"] } }),
      first,
      APR,
    );
    expect(changed).toEqual([
      expect.objectContaining({
        effectiveFrom: "2026-04-01T00:00:00.000Z",
        rejudges: false,
        reason: "controls changed without an effective_from: in force from the instant first seen",
      }),
    ]);
    const history = org([...first, ...changed]);
    expect(inForce(history, Date.parse("2026-03-31T23:59:59Z")).controls).toEqual({
      required_checks: ["sast"],
    });
    expect(inForce(history, APR).controls).toEqual({ required_checks: ["sast", "trivy"] });
  });

  test("controls changed under an effective_from already recorded take effect when first seen", () => {
    const policies = (second: string[]) => ({
      policies: [
        { effective_from: "2026-01-01T00:00:00Z", controls: { required_checks: ["sast"] } },
        { effective_from: "2026-02-01T00:00:00Z", controls: { required_checks: second } },
      ],
    });
    const first = seen(policies(["sast", "trivy"]), MAR);
    expect(first.map((p) => [p.effectiveFrom, p.rejudges])).toEqual([
      ["2026-01-01T00:00:00.000Z", false],
      ["2026-02-01T00:00:00.000Z", false],
    ]);
    const edited = reconcilePolicies(declared(policies(["sast", "zap"])), first, APR);
    expect(edited.map((p) => [p.effectiveFrom, p.declaredFrom, p.rejudges])).toEqual([
      ["2026-04-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", false],
    ]);
    const history = org([...first, ...edited]);
    expect(inForce(history, Date.parse("2026-02-15T00:00:00Z")).controls).toEqual({
      required_checks: ["sast", "trivy"],
    });
  });

  test("only a new explicit effective_from in the past re-judges, and says so", () => {
    const first = seen({ controls: { required_checks: ["sast"] } }, MAR);
    const dated = reconcilePolicies(
      declared({
        policies: [
          {
            effective_from: "2026-02-01T00:00:00Z",
            controls: { required_checks: ["sast", "trivy"] },
          },
        ],
      }),
      first,
      APR,
    );
    expect(dated).toEqual([
      expect.objectContaining({
        effectiveFrom: "2026-02-01T00:00:00.000Z",
        rejudges: true,
        reason:
          "explicit effective_from 2026-02-01T00:00:00.000Z before the policy was first seen: re-judges the deployments that finished from then on",
      }),
    ]);
    const history = org([...first, ...dated]);
    expect(inForce(history, Date.parse("2026-01-15T00:00:00Z")).controls).toEqual({
      required_checks: ["sast"],
    });
    expect(inForce(history, Date.parse("2026-02-15T00:00:00Z")).rejudges).toBeDefined();
  });

  test("an effective_from still to come is scheduled, not a re-judgement", () => {
    const first = seen({ controls: { required_checks: ["sast"] } }, MAR);
    const scheduled = reconcilePolicies(
      declared({
        policies: [
          { effective_from: "2026-01-01T00:00:00Z", controls: { required_checks: ["sast"] } },
          { effective_from: "2026-06-01T00:00:00Z", controls: { change_approval: 1 } },
        ],
      }),
      first,
      APR,
    );
    // Jan 1 is a new instant in the past with the controls already in force then: recorded,
    // not re-judging, since it judges nothing differently; Jun 1 is scheduled.
    expect(scheduled.map((p) => [p.effectiveFrom, p.rejudges, p.reason.split(":")[0]])).toEqual([
      ["2026-01-01T00:00:00.000Z", false, "explicit effective_from 2026-01-01T00"],
      ["2026-06-01T00:00:00.000Z", false, "scheduled by its effective_from"],
    ]);
  });

  test("a team's policy is its own controls over the organisation's, at every instant either changes", () => {
    const teams = [
      {
        name: "payments",
        services: [{ name: "checkout" }],
        compliance: {
          policies: [{ effective_from: "2026-02-01T00:00:00Z", controls: { change_approval: 2 } }],
        },
      },
    ];
    const scopes = declared(
      {
        policies: [
          { effective_from: "2026-01-01T00:00:00Z", controls: { required_checks: ["sast"] } },
          {
            effective_from: "2026-03-01T00:00:00Z",
            controls: { required_checks: ["sast"], change_approval: 1 },
          },
        ],
      },
      teams,
    );
    expect(scopes.get("team/payments")).toEqual([
      {
        declaredFrom: "2026-01-01T00:00:00.000Z",
        controls: { change_approval: 2, required_checks: ["sast"] },
      },
      // On Mar 1 the organisation's change_approval 1 is overridden by the team's 2: no change.
    ]);
  });
});
