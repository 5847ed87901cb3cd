import { describe, expect, test } from "vitest";
import { policyChanges } from "../../src/reports/build/policy-changes.ts";
import { renderHtml } from "../../src/reports/html/index.ts";
import { config, ms } from "../engine/helpers.ts";
import { reportFixture } from "./fixtures/model.ts";

// The QBR's list of compliance policy changes within the quarter (METRICS.md decision 133).

const Q2 = { start: ms("2026-04-01T00:00:00Z"), end: ms("2026-07-01T00:00:00Z") };
const engine = config({
  compliance: {
    policies: [
      { effective_from: "2026-01-01T00:00:00Z", controls: { required_checks: ["sast"] } },
      { effective_from: "2026-05-01T00:00:00Z", controls: { required_checks: ["sast", "trivy"] } },
      {
        effective_from: "2026-06-25T00:00:00Z",
        controls: { required_checks: ["sast", "trivy"], change_approval: 1 },
      },
    ],
  },
  teams: [
    {
      name: "payments",
      services: [{ name: "checkout" }],
      compliance: { controls: { deployment_approval: true } },
    },
  ],
});

describe("policy changes of the quarter", () => {
  test("every version in force from an instant in the quarter up to asOf, with before and after", () => {
    const changes = policyChanges(engine, undefined, Q2, ms("2026-06-20T00:00:00Z"));
    expect(changes.map(({ policy: _p, ...c }) => c)).toEqual([
      {
        at: "2026-05-01T00:00:00.000Z",
        scope: "organisation",
        before: "required_checks=[sast]",
        after: "required_checks=[sast, trivy]",
      },
      {
        at: "2026-05-01T00:00:00.000Z",
        scope: "team/payments",
        before: "deployment_approval=true required_checks=[sast]",
        after: "deployment_approval=true required_checks=[sast, trivy]",
      },
    ]);
  });

  test("a team report lists its own scope's changes; the HTML shows them", async () => {
    const changes = policyChanges(engine, "payments", Q2, ms("2026-06-30T00:00:00Z"));
    expect(changes.map((c) => [c.at, c.scope])).toEqual([
      ["2026-05-01T00:00:00.000Z", "team/payments"],
      ["2026-06-25T00:00:00.000Z", "team/payments"],
    ]);
    expect(changes[1]?.after).toBe(
      "change_approval=1 deployment_approval=true required_checks=[sast, trivy]",
    );
    const html = await renderHtml({ ...reportFixture(), policyChanges: changes });
    expect(html).toContain("<h2>Compliance policy changes</h2>");
    expect(html).toContain(
      '<td class="mono">change_approval=1 deployment_approval=true required_checks=[sast, trivy]</td>',
    );
    expect(await renderHtml({ ...reportFixture(), policyChanges: [] })).not.toContain(
      "Compliance policy changes",
    );
  });
});
