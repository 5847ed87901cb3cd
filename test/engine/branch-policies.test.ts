import { expect, test } from "vitest";
import { toEngineConfig } from "../../src/config/engine-config.ts";
import { withBranchPolicies } from "../../src/engine/branch-policies.ts";
import { controlsFor } from "../../src/engine/compliance.ts";
import { parseConfigText } from "../../src/sources/config-file.ts";

// Branch-required checks are the default required_checks control (docs/decisions/sources.md):
// used where the config names none, ignored where it names some, even an empty list.

const config = (controls: string) =>
  toEngineConfig(
    parseConfigText(
      `version: kpi-exporter/v1
compliance: {controls: {change_approval: 1}}
teams:
  - name: pay
    services: [{name: checkout}, {name: ledger}]
  - name: core
    ${controls}
    services: [{name: auth}]`,
      "test",
    ),
  );
const policy = (service: string, requiredChecks: string[]) => ({
  service,
  repository: `acme/${service}`,
  branch: "main",
  requiredChecks,
});

test("services without configured required checks take their branch's", () => {
  const engine = withBranchPolicies(config(""), [
    policy("checkout", ["sast", "ci"]),
    policy("auth", ["build"]),
  ]);
  expect(controlsFor(engine, "checkout", 0).requiredChecks.map((m) => m.spec)).toEqual([
    "ci",
    "sast",
  ]);
  expect(controlsFor(engine, "checkout", 0).changeApproval).toBe(1);
  expect(controlsFor(engine, "ledger", 0).requiredChecks).toEqual([]);
  expect(controlsFor(engine, "auth", 0).requiredChecks.map((m) => m.spec)).toEqual(["build"]);
});

test("configured required checks win, and an explicit empty list disables the control", () => {
  const named = withBranchPolicies(config("compliance: {controls: {required_checks: [lint]}}"), [
    policy("auth", ["build"]),
  ]);
  expect(controlsFor(named, "auth", 0).requiredChecks.map((m) => m.spec)).toEqual(["lint"]);
  const off = withBranchPolicies(config("compliance: {controls: {required_checks: []}}"), [
    policy("auth", ["build"]),
  ]);
  expect(controlsFor(off, "auth", 0).requiredChecks).toEqual([]);
});
