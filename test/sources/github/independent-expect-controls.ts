import {
  API,
  BILLING,
  type Expectation,
  MONEY,
  ORG,
  PLATFORM,
  WEB,
  w30,
  w90,
  x,
} from "./independent-expect.ts";

// Compliance by hand. The config names no required checks, so each repository's branch
// protection decides: "ci" on acme/mono, "test" on acme/billing. change_approval 1 and
// linked_ticket ^[A-Z]+-[0-9]+$ apply everywhere; deployment_approval only to money
// (platform switches it off), so its ratio counts billing's deployments only.
//
// Verdicts, 30d (rc required_checks · ca change_approval · lt linked_ticket · da):
//   A1 #1          rc ✓ ca ✓ lt ✓      compliant
//   A2 #4          rc ✓ (ci red 10:10, green 10:30: the latest decides) ca ✓ lt ✓  compliant
//   A3 #6          rc ✗ red · ca ✗ (bo approved after the merge) · lt ✓
//   A4 rollback    rc ✓ m4 green · ships nothing: ca ✓ lt ✓          compliant
//   A5 #8          rc ✓ ca ✓ lt ✓ (PLAT-6 in the revert's title)      compliant
//   A6 #9          rc ✓ ca ✓ lt ✗ "Upgrade framework"
//   W1 #2          rc ✓ ca ✓ lt ✓      compliant
//   W2 #3          rc ✗ (ci on m3 completed 11:05, after W2 at 11:00) · ca ✗ (no review) · lt ✓
//   W3 #4          rc ✓ ca ✓ lt ✓      compliant
//   W4 #7          rc ✓ ca ✓ lt ✓      compliant
//   W5 #9          rc ✓ ca ✓ lt ✗
//   B1 #1          rc ✓ ca ✓ da ✓ (eve, on the re-run) lt ✓          compliant
//   B2 b2, #2      rc ✓ ca ✗ (b2 a direct push) da ✓ lt ✗ (b2)
//   B3 #3          rc ✓ (commit status "test") ca ✓ da ✗ (no reviewer) lt ✓
//   B4 rollback    rc ✓ ca ✓ da ✓ (dee) lt ✓                          compliant
//   90d adds B0: rc ✗ (no "test" on b0) ca ✓ da ✗ lt ✓
// Were #3 shipped by W1 (merge order), W1 would fail ca and web coverage drop to 2/5.

const COVERAGE = "kpi_compliance_coverage_ratio";
const PASS = "kpi_compliance_control_pass_ratio";
const rc = { control: "required_checks" };
const ca = { control: "change_approval" };
const lt = { control: "linked_ticket" };
const da = { control: "deployment_approval" };

export const CONTROLS: Expectation[] = [
  x(COVERAGE, API, w30, 4 / 6),
  x(COVERAGE, WEB, w30, 3 / 5),
  x(COVERAGE, PLATFORM, w30, 7 / 11),
  x(COVERAGE, BILLING, w30, 2 / 4),
  x(COVERAGE, MONEY, w30, 2 / 4),
  x(COVERAGE, ORG, w30, 9 / 15),
  x(COVERAGE, MONEY, w90, 2 / 5),
  x(COVERAGE, ORG, w90, 9 / 16),

  x(PASS, API, { ...w30, ...rc }, 5 / 6),
  x(PASS, API, { ...w30, ...ca }, 5 / 6),
  x(PASS, API, { ...w30, ...lt }, 5 / 6),
  x(PASS, API, { ...w30, ...da }, undefined),
  x(PASS, WEB, { ...w30, ...rc }, 4 / 5),
  x(PASS, WEB, { ...w30, ...ca }, 4 / 5),
  x(PASS, WEB, { ...w30, ...lt }, 4 / 5),
  x(PASS, PLATFORM, { ...w30, ...rc }, 9 / 11),
  x(PASS, PLATFORM, { ...w30, ...ca }, 9 / 11),
  x(PASS, PLATFORM, { ...w30, ...lt }, 9 / 11),
  x(PASS, BILLING, { ...w30, ...rc }, 4 / 4),
  x(PASS, BILLING, { ...w30, ...ca }, 3 / 4),
  x(PASS, BILLING, { ...w30, ...lt }, 3 / 4),
  x(PASS, BILLING, { ...w30, ...da }, 3 / 4),
  x(PASS, ORG, { ...w30, ...rc }, 13 / 15),
  x(PASS, ORG, { ...w30, ...ca }, 12 / 15),
  x(PASS, ORG, { ...w30, ...lt }, 12 / 15),
  x(PASS, ORG, { ...w30, ...da }, 3 / 4),
  x(PASS, MONEY, { ...w90, ...rc }, 4 / 5),
  x(PASS, MONEY, { ...w90, ...da }, 3 / 5),
  x(PASS, ORG, { ...w90, ...da }, 3 / 5),
];
