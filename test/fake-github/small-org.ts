// A hand-written organisation small enough to reason about in assertions, plus helpers to
// start the fake and a real Octokit client against it.
import { createHash } from "node:crypto";
import { Octokit } from "@octokit/rest";
import type { FakeCommit, FakeGitHub, FakeOrg, FakeRepo } from "../support/fake-github/index.ts";

export const sha = (label: string): string => createHash("sha1").update(label).digest("hex");
export const day = (n: number, hour = 12): string =>
  `2026-03-${String(n).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`;

const commit = (label: string, at: string, author = "alice", parents?: string[]): FakeCommit => ({
  sha: sha(label),
  message: `${label}\n\nBody of ${label}`,
  authoredAt: at,
  committedAt: at,
  author,
  ...(parents === undefined ? {} : { parents }),
});

function emptyRepo(name: string): FakeRepo {
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
  };
}

/** acme/web: main is c0..c5; PR 1 merged as c2, PR 2 as c4, PR 3 open off c3. */
export function smallOrg(): FakeOrg {
  const web = emptyRepo("web");
  web.commits = [0, 1, 2, 3, 4, 5].map((n) => commit(`c${n}`, day(n + 1)));
  const p1 = [commit("p1a", day(1, 14), "bob"), commit("p1b", day(2, 9), "bob")];
  const p3 = [commit("p3a", day(5, 9), "dave", [sha("c3")]), commit("p3b", day(5, 10), "dave")];
  web.pulls = [
    {
      ...{ number: 1, title: "Add login", author: "bob", base: "main", labels: ["feature"] },
      ...{ createdAt: day(1, 13), updatedAt: day(3), closedAt: day(3), mergedAt: day(3) },
      ...{ headSha: sha("p1b"), mergeCommitSha: sha("c2"), commits: p1, files: ["src/login.ts"] },
      reviews: [
        { author: "carol", state: "CHANGES_REQUESTED", submittedAt: day(2, 10) },
        { author: "erin", state: "APPROVED", submittedAt: day(2, 15) },
      ],
      closingIssues: [{ number: 7, title: "Users cannot log in", createdAt: day(1, 8) }],
    },
    {
      ...{ number: 2, title: "Docs", author: "carol", base: "main", labels: [], reviews: [] },
      ...{ createdAt: day(4, 9), updatedAt: day(5), closedAt: day(5), mergedAt: day(5) },
      ...{ headSha: sha("c4"), mergeCommitSha: sha("c4"), commits: [], closingIssues: [] },
      files: ["README.md", "docs/setup.md"],
    },
    {
      ...{ number: 3, title: "WIP", author: "dave", base: "main", labels: ["wip"], draft: true },
      ...{ createdAt: day(5, 8), updatedAt: day(5, 10), headSha: sha("p3b"), commits: p3 },
      ...{ reviews: [], closingIssues: [], files: ["src/wip.ts"] },
    },
  ];
  web.deployments = [
    {
      ...{ id: 101, sha: sha("c2"), ref: "main", environment: "production", createdAt: day(3, 14) },
      creator: "deployer",
      statuses: [
        { state: "pending", createdAt: day(3, 15) },
        { state: "success", createdAt: day(3, 16), logUrl: "https://ci.example/101" },
      ],
    },
    {
      ...{ id: 102, sha: sha("c4"), ref: "main", environment: "production", createdAt: day(5, 14) },
      creator: "deployer",
      statuses: [{ state: "failure", createdAt: day(5, 15), creator: "robot" }],
    },
    {
      ...{ id: 103, sha: sha("c4"), ref: "main", environment: "staging", createdAt: day(5, 13) },
      ...{ creator: "deployer", statuses: [], task: "deploy:migrations" },
    },
  ];
  const run = { sha: sha("c4"), status: "completed" } as const;
  web.checkRuns = [
    { ...run, id: 1, name: "build", conclusion: "failure", startedAt: day(5, 1) },
    { ...run, id: 2, name: "build", conclusion: "success", startedAt: day(5, 2) },
    { ...run, id: 3, name: "test", conclusion: "success", startedAt: day(5, 3) },
    {
      ...run,
      id: 4,
      name: "CodeQL",
      conclusion: "neutral",
      startedAt: day(5, 4),
      app: "github-code-scanning",
    },
  ];
  web.statuses = [
    { sha: sha("c4"), context: "ci/legacy", state: "pending", createdAt: day(5, 1) },
    { sha: sha("c4"), context: "ci/legacy", state: "success", createdAt: day(5, 2) },
    { sha: sha("c4"), context: "ci/lint", state: "success", createdAt: day(5, 3) },
  ];
  web.protection = { contexts: ["build"], requiredApprovals: 2 };
  web.rules = [{ type: "deletion" }];
  return { login: "acme", repos: [web, emptyRepo("empty")], billing: [] };
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A real REST/GraphQL client against the fake; its request log is muted (304s are errors). */
export function client(fake: FakeGitHub, token = "test-token"): Octokit {
  return new Octokit({ baseUrl: fake.url, auth: token, log: quiet });
}
