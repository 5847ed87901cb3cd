// dora_deployments_total's bounded environment label (decision 141): production and
// exported_environments keep their recorded names, every other environment is summed
// under environment="other".
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/sources/config-file.ts";
import { deployment, expectRows, M, SCOPES, series, snapshot } from "./helpers.ts";

const CHECKOUT = SCOPES.checkout;
const GATEWAY = SCOPES.gateway;

/** pr-1 … pr-n preview deployments of checkout, one each, on 06-20. */
const previews = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) =>
    deployment({ id: `pr-${from + i}`, at: "2026-06-20", env: `pr-${from + i}` }),
  );

describe("dora_deployments_total environment label", () => {
  const deployments = [
    deployment({ id: "p1", at: "2026-06-25" }),
    deployment({ id: "p2", at: "2026-06-26" }),
    deployment({ id: "p3", at: "2026-06-27", env: "PROD" }),
    deployment({ id: "s1", at: "2026-06-24", env: "staging" }),
    deployment({ id: "s2", at: "2026-06-25", env: "staging" }),
    deployment({ id: "q1", at: "2026-06-25", env: "qa" }),
    ...previews(50),
    deployment({ id: "pr-51", at: "2026-06-20", env: "pr-51", status: "failure" }),
    deployment({ id: "g1", at: "2026-06-21", env: "pr-7", service: "gateway" }),
  ];
  const snap = snapshot({ deployments }, { exported_environments: ["staging"] });

  it("folds pr-1..pr-50 and qa into one other series per service, keeping prod and staging", () => {
    expectRows(snap, [
      [M.total, { ...CHECKOUT, environment: "prod" }, 2], // p1 p2
      [M.total, { ...CHECKOUT, environment: "PROD" }, 1], // p3: production keeps its recorded name
      [M.total, { ...CHECKOUT, environment: "staging" }, 2], // s1 s2: exported
      [M.total, { ...CHECKOUT, environment: "other" }, 51], // pr-1..pr-50 and q1; pr-51 failed
      [M.total, { ...GATEWAY, environment: "other" }, 1], // g1: folded per service
      [M.total, { ...CHECKOUT, environment: "pr-1" }, undefined],
      [M.total, { ...CHECKOUT, environment: "qa" }, undefined],
    ]);
    expect(series(snap, M.total)).toHaveLength(5);
  });

  it("keeps the series count fixed however many preview environments appear", () => {
    const more = snapshot(
      { deployments: [...deployments, ...previews(200, 52)] },
      { exported_environments: ["staging"] },
    );
    expect(series(more, M.total)).toHaveLength(5);
    expectRows(more, [[M.total, { ...CHECKOUT, environment: "other" }, 251]]);
  });

  it("stays monotonic: a deployment to a new preview environment adds 1 to other", () => {
    const later = "2026-07-01T00:00:00Z";
    const withNew = [
      ...deployments,
      deployment({ id: "pr-60", at: "2026-06-30T12:00Z", env: "pr-60" }),
    ];
    const before = snapshot({ deployments: withNew }, { exported_environments: ["staging"] });
    const after = snapshot({ deployments: withNew }, { exported_environments: ["staging"] }, later);
    expectRows(before, [[M.total, { ...CHECKOUT, environment: "other" }, 51]]);
    expectRows(after, [[M.total, { ...CHECKOUT, environment: "other" }, 52]]);
  });

  it("matches exported names case-insensitively and labels them as recorded", () => {
    const s = snapshot(
      { deployments: [deployment({ id: "s", at: "2026-06-25", env: "Staging" })] },
      { exported_environments: ["staging"] },
    );
    expectRows(s, [[M.total, { ...CHECKOUT, environment: "Staging" }, 1]]);
  });

  it("keeps only production names by default", () => {
    const s = snapshot({ deployments });
    expectRows(s, [
      [M.total, { ...CHECKOUT, environment: "staging" }, undefined],
      [M.total, { ...CHECKOUT, environment: "other" }, 53], // 50 previews, qa, 2 staging
    ]);
  });
});

describe("exported_environments validation", () => {
  const parse = (extra: Record<string, unknown>) => () =>
    parseConfig({ version: "kpi-exporter/v1", ...extra }, "kpi.yaml");

  it("defaults to none", () => {
    expect(parseConfig({ version: "kpi-exporter/v1" }).exported_environments).toEqual([]);
  });

  it("refuses the reserved name other, naming the entry", () => {
    expect(parse({ exported_environments: ["staging", "Other"] })).toThrow(
      /exported_environments\[1\]: "Other" is reserved/,
    );
  });

  it("refuses a name listed twice, case-insensitively", () => {
    expect(parse({ exported_environments: ["staging", "STAGING"] })).toThrow(
      /exported_environments\[1\]: duplicate environment STAGING/,
    );
  });

  it("refuses an empty name and a non-list", () => {
    expect(parse({ exported_environments: [" "] })).toThrow(/exported_environments\[0\]/);
    expect(parse({ exported_environments: "staging" })).toThrow(/exported_environments/);
  });

  it("refuses a production pattern that matches other", () => {
    expect(parse({ production_environments: "prod|other" })).toThrow(
      /production_environments: matches "other"/,
    );
  });
});
