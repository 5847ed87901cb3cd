import {
  API,
  BILLING,
  type Expectation,
  MONEY,
  NONE,
  ORG,
  PLATFORM,
  q,
  WEB,
  w7,
  w30,
  w90,
  x,
} from "./independent-expect.ts";

// Stability by hand. No incidents come from GitHub, so a deployment fails only by being
// rolled back: A4 redeploys m4 (deployed by A2, before A3) right after A3, and B4
// redeploys b3 (deployed by B2, before B3) right after B3. Rework: the rollbacks A4 and
// B4, and A5, which ships the revert #8 (title "Revert …", body "Reverts acme/mono#6").

const CFR = "dora_change_failure_ratio";
const MTTR = "dora_failed_deployment_recovery_time_seconds";
const REWORK = "dora_deployment_rework_ratio";

export const STABILITY: Expectation[] = [
  // 30d: api A3 of 6 · web none of 5 · billing B3 of 4.
  x(CFR, API, w30, 1 / 6),
  x(CFR, WEB, w30, 0),
  x(CFR, PLATFORM, w30, 1 / 11),
  x(CFR, BILLING, w30, 1 / 4),
  x(CFR, MONEY, w30, 1 / 4),
  x(CFR, ORG, w30, 2 / 15),
  // 7d: A6, W5, B4, none failed (B3 finished 06-23, before the window).
  x(CFR, MONEY, w7, 0),
  x(CFR, ORG, w7, 0),
  // 90d: B0 joins billing.
  x(CFR, MONEY, w90, 1 / 5),
  x(CFR, ORG, w90, 2 / 16),

  // Recovery = the rollback's finish − the failed deployment's finish:
  //   A3 06-08 10:30 → A4 14:20 = 13,800 s · B3 06-23 10:35 → B4 06-25 09:20 = 168,300 s
  ...q(MTTR, API, w30, [13_800, 13_800]),
  ...q(MTTR, WEB, w30, NONE),
  ...q(MTTR, PLATFORM, w30, [13_800, 13_800]),
  ...q(MTTR, BILLING, w30, [168_300, 168_300]),
  ...q(MTTR, MONEY, w30, [168_300, 168_300]),
  // org: 13,800 and 168,300 → p50 91,050; p90 13,800+0.9·154,500
  ...q(MTTR, ORG, w30, [91_050, 152_850]),
  // 7d: B4 recovered 06-25 09:20, inside the window though B3 finished before it.
  ...q(MTTR, MONEY, w7, [168_300, 168_300]),
  ...q(MTTR, ORG, w7, [168_300, 168_300]),
  ...q(MTTR, PLATFORM, w7, NONE),

  // 30d: api A4, A5 of 6 · web none of 5 · billing B4 of 4.
  x(REWORK, API, w30, 2 / 6),
  x(REWORK, WEB, w30, 0),
  x(REWORK, PLATFORM, w30, 2 / 11),
  x(REWORK, BILLING, w30, 1 / 4),
  x(REWORK, ORG, w30, 3 / 15),
  // 7d: B4 of A6, W5, B4.
  x(REWORK, MONEY, w7, 1),
  x(REWORK, PLATFORM, w7, 0),
  x(REWORK, ORG, w7, 1 / 3),
];
