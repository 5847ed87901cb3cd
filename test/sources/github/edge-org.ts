import type { FakeOrg, FakeRepo, FakeWorkflowRun } from "../../support/fake-github/index.ts";
import { commit, job, pull, run, sha, t } from "./independent-fixture.ts";

// Two GitHub edge cases a held-back organisation found, each in its own repository:
//
// acme/shop (team store): squash merges on main, s0 predates the history.
//   D1 run 701 deploys s1 (#1), live 06-01 10:20 · D2 run 702 deploys s2 (#2), live 06-05 10:20
//   R  run 701 re-run (attempt 2) 06-10 10:10–10:30: redeploys s1, a rollback of D2.
// acme/ledger (team finance): l1 (#1); status "ci/build" on l1 green 06-01 09:30, red
// 06-03 12:00 (after L1 went live).
//   L1 run 801 deploys l1, live 06-02 10:20 · L2 run 802 deploys l1 again, live 06-04 10:20

export const SHOP = "acme/shop";
export const LEDGER = "acme/ledger";
export const L1_SHA = sha("ledger/l1");
const DEPLOY = ["Deploy", "deploy.yml"] as [string, string];

const deploy = (id: number, label: string, created: string, finished: string) =>
  run({
    id,
    workflow: DEPLOY,
    sha: label,
    created,
    finished,
    jobs: [job("deploy", created, 15)],
  });

function repo(name: string, rest: Partial<FakeRepo>): FakeRepo {
  return {
    owner: "acme",
    name,
    defaultBranch: "main",
    commits: [],
    pulls: [],
    deployments: [],
    checkRuns: [],
    statuses: [],
    workflowRuns: [],
    rules: [],
    dependabotAlerts: [],
    codeScanningAlerts: [],
    secretScanningAlerts: [],
    ...rest,
  };
}

function shop(): FakeRepo {
  return repo("shop", {
    commits: [
      commit("shop/s0", "Initial shop", "01-10T09:00", "ann"),
      commit("shop/s1", "Cart totals SHOP-1 (#1)", "06-01T09:00", "ann"),
      commit("shop/s2", "Coupons SHOP-2 (#2)", "06-04T09:00", "bob"),
    ],
    pulls: [
      pull({
        number: 1,
        title: "Cart totals SHOP-1",
        author: "ann",
        files: ["src/cart.ts"],
        commits: [["shop/p1a", "05-31T15:00"]],
        merged: ["06-01T09:00", "shop/s1"],
      }),
      pull({
        number: 2,
        title: "Coupons SHOP-2",
        author: "bob",
        files: ["src/coupon.ts"],
        commits: [["shop/p2a", "06-03T15:00"]],
        merged: ["06-04T09:00", "shop/s2"],
      }),
    ],
    workflowRuns: [
      deploy(701, "shop/s1", "06-01T10:00", "06-01T10:20"),
      deploy(702, "shop/s2", "06-05T10:00", "06-05T10:20"),
    ],
  });
}

/** Re-runs run 701 in place, as GitHub does: same id and created_at, attempt 2. */
export function rerunOldDeploy(org: FakeOrg): void {
  const runs = org.repos.find((r) => r.name === "shop")?.workflowRuns ?? [];
  const first = runs.find((r) => r.id === 701) as FakeWorkflowRun;
  Object.assign(first, {
    previousAttempts: [
      { conclusion: "success", runStartedAt: first.runStartedAt, updatedAt: first.updatedAt },
    ],
    runAttempt: 2,
    runStartedAt: t("06-10T10:10"),
    updatedAt: t("06-10T10:30"),
    actor: "carol",
  });
}

function ledger(statuses: boolean): FakeRepo {
  return repo("ledger", {
    commits: [
      commit("ledger/l0", "Initial ledger", "01-10T09:00", "dan"),
      commit("ledger/l1", "Ledger export FIN-1 (#1)", "06-01T09:00", "dan"),
    ],
    pulls: [
      pull({
        number: 1,
        title: "Ledger export FIN-1",
        author: "dan",
        files: ["src/export.ts"],
        commits: [["ledger/p1a", "05-31T16:00"]],
        merged: ["06-01T09:00", "ledger/l1"],
      }),
    ],
    statuses: statuses
      ? [
          { sha: L1_SHA, context: "ci/build", state: "success", createdAt: t("06-01T09:30") },
          { sha: L1_SHA, context: "ci/build", state: "failure", createdAt: t("06-03T12:00") },
        ]
      : [],
    workflowRuns: [
      deploy(801, "ledger/l1", "06-02T10:00", "06-02T10:20"),
      deploy(802, "ledger/l1", "06-04T10:00", "06-04T10:20"),
    ],
  });
}

/** `statuses: false` leaves ledger's commit statuses to arrive by webhook. */
export function edgeOrg(options: { statuses?: boolean } = {}): FakeOrg {
  return { login: "acme", repos: [shop(), ledger(options.statuses ?? true)], billing: [] };
}

export const EDGE_CONFIG = (baseUrl: string) => `version: kpi-exporter/v1
sources:
  github: { base_url: "${baseUrl}", history_days: 90 }
compliance:
  controls:
    required_checks: [ci/build]
teams:
  - name: store
    services:
      - name: shop
        repositories: [${SHOP}]
        github: { workflows: [deploy.yml], environments: false }
  - name: finance
    services:
      - name: ledger
        repositories: [${LEDGER}]
        github: { workflows: [Deploy], environments: false }
`;
