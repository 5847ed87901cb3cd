import type { FakeCommit, FakeOrg } from "../../support/fake-github/index.ts";

// A small organisation whose KPIs are computed by hand in e2e.test.ts. One repository,
// service checkout (team payments), deploy branch main:
//   c1 ─ c2 (squash of PR #1, approved, feature) ─ c3 (direct push) ─ c4 (squash of PR #2, unapproved)
//   D1 c1 · D2 c3 (ships #1 and c3) · D3 c4 (ships #2, red ci) · D4 c3 (rollback of D3) · staging at c4

const sha = (n: number) => `${String(n).repeat(2)}`.padEnd(40, "a");
export const C = {
  c1: sha(1),
  c2: sha(2),
  c3: sha(3),
  c4: sha(4),
  b1: sha(5),
  b2: sha(6),
  b3: sha(7),
};

const commit = (s: string, message: string, at: string, author = "ana"): FakeCommit => ({
  sha: s,
  message,
  authoredAt: at,
  committedAt: at,
  author,
});

const deployment = (id: number, at: string, ok: string, env = "production") => ({
  id,
  sha: "",
  ref: "main",
  environment: env,
  createdAt: at,
  creator: "deploy-bot",
  statuses: [
    { state: "in_progress" as const, createdAt: at },
    { state: "success" as const, createdAt: ok },
  ],
});

export function e2eOrg(): FakeOrg {
  const d = [
    { ...deployment(101, "2026-06-01T01:00:00Z", "2026-06-01T01:10:00Z"), sha: C.c1 },
    { ...deployment(102, "2026-06-03T10:00:00Z", "2026-06-03T10:10:00Z"), sha: C.c3 },
    { ...deployment(103, "2026-06-04T12:00:00Z", "2026-06-04T12:05:00Z"), sha: C.c4 },
    { ...deployment(104, "2026-06-04T13:00:00Z", "2026-06-04T13:05:00Z"), sha: C.c3 },
    { ...deployment(105, "2026-06-04T11:00:00Z", "2026-06-04T11:01:00Z", "staging"), sha: C.c4 },
  ];
  return {
    login: "acme",
    billing: [],
    repos: [
      {
        owner: "acme",
        name: "checkout",
        defaultBranch: "main",
        commits: [
          commit(C.c1, "Initial service", "2026-06-01T00:00:00Z"),
          commit(C.c2, "Add refunds PAY-1 (#1)", "2026-06-02T12:00:00Z"),
          commit(C.c3, "Bump dependencies", "2026-06-03T09:00:00Z", "cy"),
          commit(C.c4, "Fix rounding (#2)", "2026-06-04T10:00:00Z"),
        ],
        pulls: [
          {
            number: 1,
            title: "Add refunds PAY-1",
            author: "ana",
            base: "main",
            headSha: C.b2,
            createdAt: "2026-06-02T10:00:00Z",
            updatedAt: "2026-06-02T12:00:00Z",
            closedAt: "2026-06-02T12:00:00Z",
            mergedAt: "2026-06-02T12:00:00Z",
            mergeCommitSha: C.c2,
            labels: ["feature"],
            files: ["src/refund.ts"],
            closingIssues: [],
            commits: [
              commit(C.b1, "refunds", "2026-06-02T08:00:00Z"),
              commit(C.b2, "tests", "2026-06-02T09:00:00Z"),
            ],
            reviews: [{ author: "bo", state: "APPROVED", submittedAt: "2026-06-02T11:00:00Z" }],
          },
          {
            number: 2,
            title: "Fix rounding",
            author: "ana",
            base: "main",
            headSha: C.b3,
            createdAt: "2026-06-04T09:00:00Z",
            updatedAt: "2026-06-04T10:00:00Z",
            closedAt: "2026-06-04T10:00:00Z",
            mergedAt: "2026-06-04T10:00:00Z",
            mergeCommitSha: C.c4,
            labels: [],
            files: ["src/money.ts"],
            closingIssues: [],
            commits: [commit(C.b3, "round half even", "2026-06-04T08:00:00Z")],
            reviews: [{ author: "ana", state: "APPROVED", submittedAt: "2026-06-04T09:30:00Z" }],
          },
          {
            number: 3,
            title: "Abandoned idea",
            author: "cy",
            base: "main",
            headSha: C.b3,
            createdAt: "2026-06-05T09:00:00Z",
            updatedAt: "2026-06-05T10:00:00Z",
            closedAt: "2026-06-05T10:00:00Z",
            labels: [],
            files: [],
            closingIssues: [],
            commits: [],
            reviews: [],
          },
        ],
        deployments: d,
        checkRuns: [
          {
            sha: C.c3,
            name: "ci",
            status: "completed",
            conclusion: "success",
            startedAt: "2026-06-03T09:10:00Z",
            completedAt: "2026-06-03T09:30:00Z",
          },
          {
            sha: C.c4,
            name: "ci",
            status: "completed",
            conclusion: "failure",
            startedAt: "2026-06-04T10:10:00Z",
            completedAt: "2026-06-04T10:30:00Z",
          },
        ],
        statuses: [],
        workflowRuns: [],
        protection: { contexts: ["ci"] },
        rules: [],
        dependabotAlerts: [
          {
            number: 1,
            state: "open",
            severity: "critical",
            createdAt: "2026-06-15T00:00:00Z",
            updatedAt: "2026-06-15T00:00:00Z",
          },
          {
            number: 2,
            state: "fixed",
            severity: "high",
            createdAt: "2026-06-01T00:00:00Z",
            updatedAt: "2026-06-11T00:00:00Z",
            fixedAt: "2026-06-11T00:00:00Z",
          },
        ],
        codeScanningAlerts: [],
        secretScanningAlerts: [],
      },
    ],
  };
}
