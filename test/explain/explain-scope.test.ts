// explain deployment: what is not counted and why, the clock, unknown ids, and the text a
// person reads, on the hand-built scenario.
import { describe, expect, it } from "vitest";
import { explainDeployment } from "../../src/explain/explain-deployment.ts";
import { explanationText } from "../../src/explain/explain-text.ts";
import { AS_OF, ms } from "../engine/helpers.ts";
import { config, explain, SHA, scenario } from "./scenario.ts";

describe("explain deployment: scope, clock and text", () => {
  it("staging, failed attempts and deployments after asOf are explained but not counted", () => {
    expect(explain("s1").production).toEqual({
      counted: false,
      reasons: [
        "status success: it went live",
        'environment "staging" does not match production_environments /^(prod|production)$/i',
        "finished at or before asOf",
      ],
    });
    expect(explain("f1").production.reasons[0]).toBe(
      "status failure: an attempt that never went live",
    );
    const early = explain("d6", "2026-06-28T12:00:00Z");
    expect(early.production.counted).toBe(false);
    expect(early.production.reasons[2]).toBe("finishes after asOf: it does not exist yet");
    expect(early.failure).toBeUndefined();
    expect(early.compliance).toBeUndefined();
  });

  it("an earlier asOf sees what was known then: d2 not yet rolled back, i1 not yet resolved", () => {
    const e = explain("d1", "2026-06-12T03:00:00Z");
    expect(e.failure?.recovery).toEqual({ recovered: false, unresolvedIncidents: ["i1"] });
    expect(explain("d2", "2026-06-24T00:00:00Z").failure?.rolledBackBy).toBeUndefined();
  });

  it("an unknown id has no explanation", () => {
    expect(explainDeployment(scenario(), config(), ms(AS_OF), "nope")).toBeUndefined();
  });

  it("text names every rule, reference and number", () => {
    const text = explanationText(explain("d2"));
    expect(text).toContain(
      "deployment d2: service checkout (team payments), at asOf 2026-06-30T00:00:00.000Z",
    );
    expect(text).toContain(`commit ${SHA.B}`);
    expect(text).toContain(
      "  - incident i2 [attribution_window]: no reference resolved; it started within the attribution window, 2h (7200 s) after it",
    );
    expect(text).toContain(
      "  - rolled back by d3 [rollback_sha], finished 2026-06-25T10:00:00.000Z",
    );
    expect(text).toContain("recovery: none yet; unresolved: i2");
    expect(text).toContain('  - ships c2, labelled "hotfix" [rework_label]');
    expect(text).toContain("changes shipped: 1, by its explicit list");
    expect(text).toContain("  - c1 is listed but not shipped here: d1 shipped it");
    expect(text).toContain("  - change_approval: FAIL: c2: 0 of 1 approvals before merge");
    expect(text).toContain("      FAIL c2 (author dora): none");
    expect(explanationText(explain("d1"))).toContain(
      'incident i1 "AAAAAAA" [commit_sha]: its commitSha is the deployed commit',
    );
    expect(explanationText(explain("d4"))).toContain("  - ships c3, a revert [revert] of c2\n");
    expect(explanationText(explain("d5"))).toContain("rollback of d4 [rollback_mark]\n");
    expect(explanationText(explain("d6"))).toContain(
      "  - ships c9, linked to incident i1 [incident_fix]\n",
    );
  });
});
