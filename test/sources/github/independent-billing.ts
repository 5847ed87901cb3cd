import type { FakeJob, FakeRepo } from "../../support/fake-github/index.ts";
import { billingAlerts } from "./independent-alerts.ts";
import { checksOf, commit, job, pull, run, sha, t } from "./independent-fixture.ts";

// acme/billing: service billing, team money. Deployments are the successful runs on main
// of the workflow named "Deploy"; required check "test" (Actions job, or a commit status
// from an outside CI for b4). Main, squash merges; b0 predates the 90-day history:
//   b0 · b1 #1 · b2 direct push · b3 #2 · b4 #3
//   B0 b0, finished exactly 06-01T00:00 (the 30d window's open lower bound)
//   B1 b1: attempt 1 failed, the re-run went live · run 902 for b2 failed: no deployment
//   B2 b3 (ships b2 and #2) · B3 b4, no environment approval · B4 b3 = rollback of B3

const DEPLOY = ["Deploy", "deploy.yml"] as [string, string];
const CI = ["CI", "ci.yml"] as [string, string];
const b = (n: number) => `billing/b${n}`;

const commits = [
  commit(b(0), "Initial billing", "03-10T09:00", "dee"),
  commit(b(1), "Invoice PDFs BILL-1 (#1)", "06-15T10:00", "dee"),
  commit(b(2), "Hotfix VAT rounding", "06-16T08:00", "eve", "06-16T07:30"),
  commit(b(3), "Dunning emails BILL-2 (#2)", "06-20T10:00", "eve"),
  commit(b(4), "Refund API BILL-3 (#3)", "06-23T10:00", "dee"),
];

const pulls = [
  pull({
    number: 1,
    title: "Invoice PDFs BILL-1",
    author: "dee",
    files: ["src/invoice.ts"],
    commits: [["billing/q1a", "06-14T09:00"]],
    merged: ["06-15T10:00", b(1)],
    approvals: [["eve", "06-15T09:00"]],
  }),
  pull({
    number: 2,
    title: "Dunning emails BILL-2",
    author: "eve",
    files: ["src/dunning.ts"],
    commits: [
      ["billing/q2a", "06-18T10:00"],
      ["billing/q2b", "06-19T10:00"],
    ],
    merged: ["06-20T10:00", b(3)],
    approvals: [["dee", "06-20T09:00"]],
  }),
  pull({
    number: 3,
    title: "Refund API BILL-3",
    author: "dee",
    files: ["src/refund.ts"],
    commits: [["billing/q3a", "06-22T08:00"]],
    merged: ["06-23T10:00", b(4)],
    approvals: [["eve", "06-23T09:00"]],
  }),
];

const testRun = (id: number, n: number, at: string) =>
  run({ id, workflow: CI, sha: b(n), created: at, jobs: [job("test", at, 10)] });
/** A Deploy run of b<n>: created, finished, approvers and its jobs. */
const deploy = (id: number, n: number, span: [string, string], by: string[], jobs: FakeJob[]) =>
  run({
    id,
    workflow: DEPLOY,
    sha: b(n),
    created: span[0],
    finished: span[1],
    approvedBy: by,
    jobs,
  });

const runs = [
  testRun(801, 1, "06-15T10:02"),
  testRun(802, 3, "06-20T10:02"),
  deploy(900, 0, ["05-31T23:40", "06-01T00:00"], [], [job("deploy", "05-31T23:41", 18)]),
  // Re-run: attempt 1 failed at 10:20, attempt 2 ran 11:00-11:30 (the jobs list holds both).
  {
    ...deploy(
      901,
      1,
      ["06-15T10:05", "06-15T11:30"],
      ["eve"],
      [job("deploy", "06-15T10:06", 14, "failure"), job("deploy", "06-15T11:01", 28)],
    ),
    runStartedAt: t("06-15T11:00"),
    runAttempt: 2,
    previousAttempts: [
      { conclusion: "failure", runStartedAt: t("06-15T10:05"), updatedAt: t("06-15T10:20") },
    ],
  },
  {
    ...deploy(
      902,
      2,
      ["06-16T08:05", "06-16T08:20"],
      ["eve"],
      [job("deploy", "06-16T08:06", 13, "failure")],
    ),
    conclusion: "failure",
  },
  deploy(903, 3, ["06-20T10:05", "06-20T10:40"], ["eve"], [job("deploy", "06-20T10:15", 20)]),
  deploy(904, 4, ["06-23T10:05", "06-23T10:35"], [], [job("deploy", "06-23T10:10", 20)]),
  {
    ...deploy(905, 3, ["06-25T09:00", "06-25T09:20"], ["dee"], [job("deploy", "06-25T09:02", 15)]),
    event: "workflow_dispatch",
  },
];

export function billingRepo(): FakeRepo {
  return {
    owner: "acme",
    name: "billing",
    defaultBranch: "main",
    commits,
    pulls,
    deployments: [],
    checkRuns: checksOf(runs),
    statuses: [{ sha: sha(b(4)), context: "test", state: "success", createdAt: t("06-23T10:25") }],
    workflowRuns: runs,
    protection: { contexts: ["test"] },
    rules: [],
    ...billingAlerts(),
  };
}
