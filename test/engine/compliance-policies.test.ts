import { describe, expect, test } from "vitest";
import type { ConfigError } from "../../src/config/load.ts";
import { controlsFor } from "../../src/engine/compliance.ts";
import { explainDeployment } from "../../src/explain/explain-deployment.ts";
import { explanationText } from "../../src/explain/explain-text.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import {
  check,
  config,
  deployment,
  ms,
  records as recordSet,
  sample,
  shaOf,
  snapshot,
} from "./helpers.ts";

// Effective-dated controls (contract §8.2; METRICS.md decision 130): each production
// deployment is judged by the policy in force when it finished, and a control's pass ratio
// divides by the deployments it judged.

const POLICIES = {
  compliance: {
    policies: [
      { effective_from: "2026-06-01T00:00:00Z", controls: { required_checks: ["sast"] } },
      {
        effective_from: "2026-06-20T00:00:00Z",
        controls: { required_checks: ["sast"], deployment_approval: true },
      },
    ],
  },
};

function issues(value: Record<string, unknown>): string[] {
  try {
    parseConfig({ version: "kpi-exporter/v1", ...value });
  } catch (error) {
    return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
}

describe("compliance.policies in the config", () => {
  test("controls and policies at the same level are refused, naming the field", () => {
    expect(
      issues({
        compliance: {
          controls: { change_approval: 1 },
          policies: [{ effective_from: "2026-01-01T00:00:00Z", controls: {} }],
        },
      }),
    ).toEqual([
      "compliance.policies: give either controls (one policy, always in force) or policies (a dated history), not both",
    ]);
    expect(
      issues({
        teams: [
          {
            name: "payments",
            compliance: {
              controls: {},
              policies: [{ effective_from: "2026-01-01T00:00:00Z", controls: {} }],
            },
          },
        ],
      })[0],
    ).toMatch(/^teams\[0\]\.compliance\.policies: give either/);
  });

  test("effective_from must increase strictly and carry its offset", () => {
    expect(
      issues({
        compliance: {
          policies: [
            { effective_from: "2026-06-01T00:00:00Z", controls: {} },
            { effective_from: "2026-06-01T00:00:00+00:00", controls: {} },
          ],
        },
      }),
    ).toEqual([
      "compliance.policies[1].effective_from: must be later than policies[0].effective_from (2026-06-01T00:00:00.000Z): list the policies oldest first, each from its own instant",
    ]);
    expect(
      issues({ compliance: { policies: [{ effective_from: "2026-06-01", controls: {} }] } })[0],
    ).toMatch(/^compliance\.policies\[0\]\.effective_from: expected an ISO-8601 instant/);
  });

  test("the policy in force when a deployment finished judges it; the first judges before it", () => {
    const engine = config(POLICIES);
    const at = (iso: string) => controlsFor(engine, "checkout", ms(iso));
    expect(at("2026-05-01T00:00:00Z").deploymentApproval).toBe(false);
    expect(at("2026-06-19T23:59:59Z").deploymentApproval).toBe(false);
    expect(at("2026-06-20T00:00:00Z").deploymentApproval).toBe(true);
    expect(at("2026-06-20T00:00:00Z").requiredChecks.map((m) => m.spec)).toEqual(["sast"]);
  });
});

describe("compliance KPIs under a policy history", () => {
  const sast = (id: string, at: string, conclusion = "success") =>
    check(shaOf(id), "sast", conclusion, at);
  // d0 before the first policy (judged by it) fails sast; d1 under the first policy passes;
  // d2 and d3 under the second, d2 approved, d3 not; billing's d4 under the first.
  const records = {
    deployments: [
      deployment({ id: "d0", at: "2026-05-20T10:00:00Z" }),
      deployment({ id: "d1", at: "2026-06-10T10:00:00Z" }),
      deployment({
        id: "d2",
        at: "2026-06-25T10:00:00Z",
        approvals: [["rita", "2026-06-25T09:00:00Z"]],
      }),
      deployment({ id: "d3", at: "2026-06-26T10:00:00Z" }),
      deployment({ id: "d4", at: "2026-06-05T10:00:00Z", service: "billing" }),
    ],
    checks: [
      sast("d0", "2026-05-20T09:00:00Z", "failure"),
      sast("d1", "2026-06-10T09:00:00Z"),
      sast("d2", "2026-06-25T09:00:00Z"),
      sast("d3", "2026-06-26T09:00:00Z"),
      sast("d4", "2026-06-05T09:00:00Z"),
    ],
  };
  const snap = snapshot(records, POLICIES);
  const ratio = (window: string, control: string, labels = {}) =>
    sample(snap, "kpi_compliance_control_pass_ratio", { ...labels, window, control });
  const coverage = (window: string, labels = {}) =>
    sample(snap, "kpi_compliance_coverage_ratio", { ...labels, window });

  test("a control's pass ratio divides by the deployments it judged", () => {
    // 30d: d1, d2, d3, d4; deployment_approval judged d2 and d3 only.
    expect(ratio("30d", "required_checks")).toBe(1);
    expect(ratio("30d", "deployment_approval")).toBe(0.5);
    expect(coverage("30d")).toBe(3 / 4);
    // 90d adds d0, judged by the first policy before its effective_from, failing sast.
    expect(ratio("90d", "required_checks")).toBe(4 / 5);
    expect(ratio("90d", "deployment_approval")).toBe(0.5);
    expect(coverage("90d")).toBe(3 / 5);
  });

  test("a control that judged no deployment at a scope is not exported there", () => {
    const billing = { team: "payments", service: "billing" };
    expect(ratio("30d", "required_checks", billing)).toBe(1);
    expect(ratio("30d", "deployment_approval", billing)).toBeUndefined();
    expect(ratio("7d", "deployment_approval", { team: "payments", service: "checkout" })).toBe(0.5);
  });
});

describe("explain under a policy history", () => {
  test("names the policy that judged the deployment, and judges by it", () => {
    const records = recordSet({
      deployments: [
        deployment({ id: "d1", at: "2026-06-10T10:00:00Z" }),
        deployment({ id: "d3", at: "2026-06-26T10:00:00Z" }),
      ],
      checks: [check(shaOf("d1"), "sast", "success", "2026-06-10T09:00:00Z")],
    });
    const engine = config(POLICIES);
    const d1 = explainDeployment(records, engine, ms("2026-06-30T00:00:00Z"), "d1");
    expect(d1?.compliance?.controls.map((c) => c.control)).toEqual(["required_checks"]);
    expect(d1?.compliance?.policy).toEqual({
      scope: "organisation",
      effectiveFrom: "2026-06-01T00:00:00.000Z",
      digest: engine.organisationPolicies[0]?.digest,
    });
    const d3 = explainDeployment(records, engine, ms("2026-06-30T00:00:00Z"), "d3");
    expect(d3?.compliance?.controls.map((c) => c.control)).toEqual([
      "required_checks",
      "deployment_approval",
    ]);
    expect(explanationText(d3 as never)).toContain(
      `  judged by the organisation policy in force from 2026-06-20T00:00:00.000Z (policy ${engine.organisationPolicies[1]?.digest})\n`,
    );
  });
});
