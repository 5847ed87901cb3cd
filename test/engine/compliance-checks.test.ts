// required_checks: exact names and /patterns/, latest result by finishedAt (Decision 20).
import { describe, it } from "vitest";
import { ck, expectControls, OK_CHECKS, S } from "./compliance-fixture.ts";
import { shaOf } from "./helpers.ts";

const LATER = "2026-06-28T21:00Z"; // still before d1 finished (06-29T00:00)

describe("required_checks [sast, /^trivy/]", () => {
  it.each([
    ["baseline: sast and trivy-fs passed", OK_CHECKS, 1],
    ["sast missing", [ck("trivy-fs")], 0],
    [
      "sast failed after it passed: the latest result wins",
      [...OK_CHECKS, ck("sast", "failure", LATER)],
      0,
    ],
    [
      "sast passed after it failed",
      [ck("sast", "failure"), ck("trivy-fs"), ck("sast", "success", LATER)],
      1,
    ],
    [
      "sast passed only after finishedAt",
      [ck("sast", "failure"), ck("trivy-fs"), ck("sast", "success", "2026-06-29T01:00Z")],
      0,
    ],
    [
      "sast passed only on another commit",
      [ck("sast", "success", undefined, shaOf("x")), ck("trivy-fs")],
      0,
    ],
    ["sast concluded skipped", [ck("sast", "skipped"), ck("trivy-fs")], 0],
    ["exact name: sast-extra is not sast", [ck("sast-extra"), ck("trivy-fs")], 0],
    ["pattern: no trivy* check at all", [ck("sast")], 0],
    ["pattern: every matching name must pass", [...OK_CHECKS, ck("trivy-image", "failure")], 0],
    [
      "pattern: trivy-image failed, then passed",
      [...OK_CHECKS, ck("trivy-image", "failure"), ck("trivy-image", "success", LATER)],
      1,
    ],
    [
      "pattern: the only trivy check names another service",
      [ck("sast"), ck("trivy-fs", "success", undefined, S, "billing")],
      0,
    ],
    [
      "pattern: a trivy check naming this service counts",
      [ck("sast"), ck("trivy-fs", "success", undefined, S, "checkout")],
      1,
    ],
  ])("%s → %d", (_name, checks, pass) => {
    expectControls({ checks }, [pass, 1, 1, 1]);
  });

  it("an empty required_checks list disables the control", () => {
    // only three controls remain: coverage 1 and no required_checks series
    expectControls({ checks: [], controls: { required_checks: [] } }, [undefined, 1, 1, 1]);
  });
});
