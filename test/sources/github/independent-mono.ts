import type { FakeJob, FakeRepo } from "../../support/fake-github/index.ts";
import { monoAlerts } from "./independent-alerts.ts";
import { checksOf, job, run, sha, t } from "./independent-fixture.ts";
import { m, monoCommits, monoPulls } from "./independent-mono-history.ts";

// acme/mono: services api (services/api/) and web (services/web/), team platform. Squash
// merges on main, m<n> made by PR #n; m0 predates the 90-day history:
//   m1 #1 api · m2 #2 web · m3 #3 web (unreviewed, merged while W1 ran) · m4 #4 both ·
//   m5 #5 docs only · m6 #6 api (approved after merge) · m7 #7 web ·
//   m8 #8 api, reverts #6 · m9 #9 both, no ticket        #10 api closed unmerged
// Deployments are successful runs on main of "Deploy API" (by name) and deploy-web.yml
// (by file); the Deployments API entry below must be ignored (environments: false).
//   api  A1 m1 · A2 m4 · A3 m6 (red ci) · A4 m4 = rollback of A3 · A5 m8 · A6 m9
//   web  W1 m2 · W2 m3 (ci after it finished) · W3 m4 · W4 m7 · W5 m9

const API = ["Deploy API", "deploy-api.yml"] as [string, string];
const WEB = ["Deploy Web", "deploy-web.yml"] as [string, string];
const CI = ["CI", "ci.yml"] as [string, string];

const ci = (id: number, at: string, minutes: number, n: number, ok = "success") =>
  run({ id, workflow: CI, sha: m(n), created: at, jobs: [job("ci", at, minutes, ok)] });
/** A deploy run of commit m<n>: created, finished, and its one deploy job's start and minutes. */
const deploy = (id: number, w: [string, string], n: number, span: string[], minutes = 20) =>
  run({
    id,
    workflow: w,
    sha: m(n),
    created: span[0] as string,
    finished: span[1] as string,
    jobs: [job("deploy", span[2] as string, minutes)],
  });
const pullRequestCi = (id: number, sha: string, branch: string, at: string, jobs: FakeJob[]) =>
  run({ id, workflow: CI, sha, branch, event: "pull_request", created: at, jobs });

const runs = [
  ci(501, "06-02T10:05", 15, 1),
  ci(502, "06-03T10:01", 20, 2),
  pullRequestCi(503, "mono/p3a", "search-filters", "06-03T09:12", [
    job("ticket-check", "06-03T09:12", 2),
  ]),
  ci(504, "06-03T10:45", 20, 3),
  // Re-run: attempt 1 red at 10:10, attempt 2 green at 10:30 (the jobs list holds both).
  run({
    id: 505,
    workflow: CI,
    sha: m(4),
    created: "06-05T10:02",
    started: "06-05T10:12",
    attempt: 2,
    jobs: [job("ci", "06-05T10:02", 8, "failure"), job("ci", "06-05T10:12", 18)],
  }),
  ci(507, "06-08T10:02", 18, 6, "failure"),
  ci(508, "06-10T10:02", 18, 7),
  ci(509, "06-12T10:01", 14, 8),
  pullRequestCi(510, "mono/p9a", "upgrade", "06-25T10:30", [
    job("ci", "06-25T10:30", 20),
    job("ticket-check", "06-25T10:30", 2, "failure"),
    job("lint", "06-25T10:30", 8),
  ]),
  ci(511, "06-26T10:05", 25, 9),
  deploy(601, API, 1, ["06-02T10:05", "06-02T10:35", "06-02T10:10"]),
  deploy(602, API, 4, ["06-05T10:05", "06-05T10:40", "06-05T10:12"]),
  deploy(603, API, 6, ["06-08T10:03", "06-08T10:30", "06-08T10:05"]),
  {
    ...deploy(604, API, 4, ["06-08T14:00", "06-08T14:20", "06-08T14:00"]),
    event: "workflow_dispatch",
  },
  deploy(605, API, 8, ["06-12T10:05", "06-12T10:30", "06-12T10:07"]),
  deploy(606, API, 9, ["06-26T10:05", "06-26T10:40", "06-26T10:15"]),
  // The deploy workflow run on another branch than main: not a deployment.
  { ...deploy(607, API, 0, ["06-19T12:00", "06-19T12:25", "06-19T12:01"]), headBranch: "canary" },
  deploy(701, WEB, 2, ["06-03T10:02", "06-03T10:50", "06-03T10:05"]),
  // 18 minutes: 06-03 weighs ci 40, ticket-check 2 and the rest 38 (independent-expect-cost.ts).
  deploy(702, WEB, 3, ["06-03T10:22", "06-03T11:00", "06-03T10:30"], 18),
  deploy(703, WEB, 4, ["06-05T10:05", "06-05T10:45", "06-05T10:22"]),
  deploy(704, WEB, 7, ["06-10T10:05", "06-10T10:35", "06-10T10:12"]),
  deploy(705, WEB, 9, ["06-26T10:10", "06-26T10:50", "06-26T10:25"]),
];

export function monoRepo(): FakeRepo {
  return {
    owner: "acme",
    name: "mono",
    defaultBranch: "main",
    commits: monoCommits,
    pulls: monoPulls,
    deployments: [
      {
        id: 9001,
        sha: sha(m(9)),
        ref: "main",
        environment: "production",
        createdAt: t("06-27T09:00"),
        creator: "ops",
        statuses: [{ state: "success", createdAt: t("06-27T09:05") }],
      },
    ],
    checkRuns: checksOf(runs),
    statuses: [],
    workflowRuns: runs,
    protection: { contexts: ["ci"] },
    rules: [],
    ...monoAlerts(),
  };
}
