// explain names the verdict not_evaluable with its reason (contract §8.1), in the JSON
// and in the text: an unknown change set, and a change whose author is unknown.
import { describe, expect, it } from "vitest";
import { explainDeployment } from "../../src/explain/explain-deployment.ts";
import { explanationText } from "../../src/explain/explain-text.ts";
import { AS_OF, change, config, deployment, ms, records } from "../engine/helpers.ts";

// checkout: n1 06-28 without a list, its commit new, nothing merged: change set unknown.
// n2 06-29 lists u (approved by bob, author unknown, ticket PAY-7) and g (alice, approved
// by bob, PAY-8). n3 06-29 12:00 redeploys n2's commit without a list.
const CONTROLS = { change_approval: 1, deployment_approval: true, linked_ticket: "^PAY-[0-9]+$" };
const data = () =>
  records({
    deployments: [
      deployment({ id: "n1", at: "2026-06-28", approvals: [["ops", "2026-06-27"]] }),
      deployment({ id: "n2", at: "2026-06-29", sha: "b".repeat(40), changes: ["u", "g"] }),
      deployment({ id: "n3", at: "2026-06-29T12:00Z", sha: "b".repeat(40) }),
    ],
    changes: [
      change({
        id: "u",
        mergedAt: "2026-06-28T12:00Z",
        approvals: [["bob", "2026-06-28"]],
        linked: ["PAY-7"],
      }),
      change({
        id: "g",
        mergedAt: "2026-06-28T13:00Z",
        author: "alice",
        approvals: [["bob", "2026-06-28"]],
        linked: ["PAY-8"],
      }),
    ],
  });
const explain = (id: string) => {
  const e = explainDeployment(
    data(),
    config({ compliance: { controls: CONTROLS } }),
    ms(AS_OF),
    id,
  );
  if (!e) throw new Error(`no ${id}`);
  return e;
};
const UNKNOWN =
  "change set unknown: no list of changes, merge order gives it none, and no earlier production deployment had deployed its commit";

describe("explain: not evaluable", () => {
  it("an unknown change set: JSON verdicts and reasons", () => {
    const e = explain("n1");
    expect(e.changes).toEqual({
      containment: "merge_order",
      changeSet: "unknown",
      shipped: [],
      notShipped: [],
    });
    expect(e.compliance?.compliant).toBe(false);
    expect(e.compliance?.controls.map((c) => [c.control, c.verdict, c.pass, c.reason])).toEqual([
      ["change_approval", "not_evaluable", false, UNKNOWN],
      ["deployment_approval", "pass", true, "deployment approved"],
      ["linked_ticket", "not_evaluable", false, UNKNOWN],
    ]);
  });

  it("an unknown change set: text", () => {
    const text = explanationText(explain("n1"));
    expect(text).toContain(
      "changes shipped: unknown: no list of changes, merge order gives it none, and no earlier production deployment had deployed its commit\n",
    );
    expect(text).toContain("compliance: not compliant\n");
    expect(text).toContain(`  - change_approval: NOT EVALUABLE: ${UNKNOWN}\n`);
    expect(text).toContain("  - deployment_approval: pass: deployment approved\n");
    expect(text).toContain(`  - linked_ticket: NOT EVALUABLE: ${UNKNOWN}\n`);
  });

  it("an unknown author: the control and the change's counted line are not evaluable", () => {
    const e = explain("n2");
    const approval = e.compliance?.controls.find((c) => c.control === "change_approval");
    const reason =
      "u: author unknown, so its 1 approval before merge cannot be shown to come from someone else";
    expect(approval).toMatchObject({ verdict: "not_evaluable", pass: false, reason });
    expect(approval?.counted).toEqual([
      { subject: "u (author unknown)", items: ["bob"], pass: false, verdict: "not_evaluable" },
      { subject: "g (author alice)", items: ["bob"], pass: true, verdict: "pass" },
    ]);
    const text = explanationText(e);
    expect(text).toContain(`  - change_approval: NOT EVALUABLE: ${reason}\n`);
    expect(text).toContain("      N/E  u (author unknown): bob\n");
    expect(text).toContain("      ok   g (author alice): bob\n");
    expect(text).toContain("  - linked_ticket: pass: every change links a work item\n");
  });

  it("a redeploy ships nothing and passes, and the text says why", () => {
    const e = explain("n3");
    expect(e.changes?.changeSet).toBe("redeploy");
    expect(e.compliance?.controls.find((c) => c.control === "linked_ticket")).toMatchObject({
      verdict: "pass",
      reason: "ships no change: it redeploys a commit deployed before",
    });
    const text = explanationText(e);
    expect(text).toContain(
      "changes shipped: 0, by merge order\n  - it redeploys a commit an earlier production deployment had deployed\n",
    );
  });
});
