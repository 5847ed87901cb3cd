import { describe, expect, test } from "vitest";
import { shipment } from "../../../src/sources/github/ancestry.ts";
import type { GqlPull } from "../../../src/sources/github/graphql-types.ts";
import { checksOfCommit } from "../../../src/sources/github/normalize/checks.ts";
import { deploymentOutcome, runIdOf } from "../../../src/sources/github/normalize/deployments.ts";
import { requiredChecks } from "../../../src/sources/github/normalize/policy.ts";
import { changesFromPull } from "../../../src/sources/github/normalize/pulls.ts";
import type { RepoTarget } from "../../../src/sources/github/targets.ts";

const single: RepoTarget = {
  repository: "acme/checkout",
  owner: "acme",
  name: "checkout",
  services: [{ service: "checkout", paths: [], environments: true, workflows: [] }],
};
const mono: RepoTarget = {
  ...single,
  repository: "acme/mono",
  services: [
    { service: "api", paths: ["services/api/"], environments: true, workflows: [] },
    { service: "web", paths: ["services/web/"], environments: true, workflows: [] },
  ],
};
const t = (iso: string) => Date.parse(iso);

function pull(overrides: Partial<GqlPull> = {}): GqlPull {
  return {
    number: 7,
    title: "Add refunds PAY-12",
    body: null,
    url: "https://github.com/acme/checkout/pull/7",
    createdAt: "2026-06-01T10:00:00Z",
    updatedAt: "2026-06-03T00:00:00Z",
    mergedAt: "2026-06-02T12:00:00Z",
    merged: true,
    baseRefName: "main",
    author: { login: "ana" },
    mergeCommit: { oid: "A".repeat(40) },
    labels: { nodes: [{ name: "feature" }] },
    commits: {
      totalCount: 2,
      nodes: [
        {
          commit: {
            oid: "b".repeat(40),
            authoredDate: "2026-05-30T08:00:00Z",
            committedDate: "2026-05-30T08:00:00Z",
          },
        },
        {
          commit: {
            oid: "c".repeat(40),
            authoredDate: "2026-05-31T08:00:00Z",
            committedDate: "2026-05-31T08:00:00Z",
          },
        },
      ],
    },
    reviews: {
      nodes: [
        { author: { login: "bo" }, state: "APPROVED", submittedAt: "2026-06-02T11:00:00Z" },
        { author: null, state: "APPROVED", submittedAt: "2026-06-02T11:30:00Z" },
      ],
    },
    closingIssuesReferences: {
      nodes: [{ number: 3, title: "Refunds", url: "u", createdAt: "2026-05-20T00:00:00Z" }],
    },
    files: { totalCount: 1, nodes: [{ path: "services/api/refund.ts" }] },
    ...overrides,
  };
}

describe("pull requests", () => {
  test("a merged pull request becomes a change with commits, approvals and links", () => {
    const [change] = changesFromPull(single, pull());
    expect(change).toEqual({
      id: "acme/checkout#7",
      service: "checkout",
      mergedAt: t("2026-06-02T12:00:00Z"),
      title: "Add refunds PAY-12",
      labels: ["feature"],
      author: "ana",
      createdAt: t("2026-06-01T10:00:00Z"),
      mergeCommitSha: "a".repeat(40),
      commits: [
        { sha: "b".repeat(40), authoredAt: t("2026-05-30T08:00:00Z") },
        { sha: "c".repeat(40), authoredAt: t("2026-05-31T08:00:00Z") },
      ],
      linkedItems: [
        { id: "acme/checkout#3", createdAt: t("2026-05-20T00:00:00Z") },
        { id: "PAY-12" },
      ],
      approvals: [{ by: "bo", at: t("2026-06-02T11:00:00Z") }],
      url: "https://github.com/acme/checkout/pull/7",
    });
  });

  test("an unmerged pull request is no change; a revert names the reverted change", () => {
    expect(changesFromPull(single, pull({ merged: false, mergedAt: null }))).toEqual([]);
    const [revert] = changesFromPull(
      single,
      pull({ title: 'Revert "Add refunds"', body: "Reverts acme/checkout#5" }),
    );
    expect(revert?.reverts).toBe("acme/checkout#5");
  });

  test("closed issues are linked as owner/name#N, the id of a GitHub-issues incident", () => {
    const issue = (number: number, url: string) => ({
      number,
      title: "Outage",
      url,
      createdAt: "2026-05-20T00:00:00Z",
    });
    const nodes = [
      // Same repository in GitHub's spelling: the catalogue's spelling wins.
      issue(3, "https://github.com/ACME/Checkout/issues/3"),
      issue(4, "https://ghe.example.com/acme/ops-incidents/issues/4"),
      issue(5, "not a url"),
    ];
    const [change] = changesFromPull(single, pull({ closingIssuesReferences: { nodes } }));
    expect(change?.linkedItems.map((item) => item.id)).toEqual([
      "acme/checkout#3",
      "acme/ops-incidents#4",
      "acme/checkout#5",
      "PAY-12",
    ]);
  });

  test("in a monorepo, path prefixes pick the services and ids carry the service", () => {
    expect(changesFromPull(mono, pull()).map((c) => c.id)).toEqual(["acme/mono#7@api"]);
    const both = pull({
      files: { totalCount: 2, nodes: [{ path: "services/api/a" }, { path: "services/web/b" }] },
    });
    expect(changesFromPull(mono, both).map((c) => c.service)).toEqual(["api", "web"]);
    expect(
      changesFromPull(mono, pull({ files: { totalCount: 1, nodes: [{ path: "docs/x.md" }] } })),
    ).toEqual([]);
  });
});

describe("ancestry", () => {
  const commit = (sha: string, title: string) => ({
    sha,
    authoredAt: 1,
    committedAt: 2,
    author: "cy",
    title,
  });
  test("compared commits map to their pull requests, the rest are direct pushes", () => {
    const result = shipment(
      single,
      "checkout",
      "prev",
      {
        status: "ahead",
        commits: [
          commit("a1", "Merge #7"),
          commit("a2", "hotfix OPS-9"),
          commit("a3", "Merge #7 again"),
        ],
      },
      (sha) => (sha === "a2" ? undefined : 7),
    );
    expect(result.changes).toEqual(["acme/checkout#7", "acme/checkout@a2"]);
    expect(result.directPushes).toEqual([
      {
        id: "acme/checkout@a2",
        service: "checkout",
        mergedAt: 2,
        title: "hotfix OPS-9",
        labels: [],
        author: "cy",
        mergeCommitSha: "a2",
        commits: [{ sha: "a2", authoredAt: 1 }],
        linkedItems: [{ id: "OPS-9" }],
        approvals: [],
      },
    ]);
    expect(result.rollbackOf).toBeUndefined();
  });

  test("deploying an ancestor of the previous commit is a rollback of it and ships nothing", () => {
    expect(
      shipment(single, "checkout", "prev", { status: "behind", commits: [] }, () => 1),
    ).toEqual({
      changes: [],
      rollbackOf: "prev",
      directPushes: [],
    });
  });
});

describe("deployments", () => {
  const rest = {
    id: 42,
    node_id: "DE_42",
    sha: "ABC".padEnd(40, "0"),
    ref: "main",
    environment: "production",
    created_at: "2026-06-05T10:00:00Z",
    creator: { login: "ci-bot" },
  };
  const status = (state: string, createdAt: string, logUrl: string | null = null) => ({
    state,
    createdAt,
    logUrl,
    environmentUrl: null,
    creator: null,
  });
  test("live at the first success, with the run that performed it", () => {
    const outcome = deploymentOutcome(single, "checkout", rest, {
      id: "DE_42",
      databaseId: 42,
      statuses: {
        nodes: [
          status("SUCCESS", "2026-06-05T10:20:00Z"),
          status("INACTIVE", "2026-06-06T00:00:00Z"),
          status(
            "SUCCESS",
            "2026-06-05T10:10:00Z",
            "https://github.com/acme/checkout/actions/runs/99/job/1",
          ),
          status("IN_PROGRESS", "2026-06-05T10:01:00Z"),
        ],
      },
    });
    expect(outcome).toMatchObject({
      state: "live",
      runId: 99,
      deployment: {
        id: "acme/checkout/deployments/42",
        finishedAt: t("2026-06-05T10:10:00Z"),
        startedAt: t("2026-06-05T10:00:00Z"),
        commitSha: "abc".padEnd(40, "0"),
        status: "success",
        triggeredBy: "ci-bot",
        environment: "production",
      },
    });
  });
  test("a final failure is a failed attempt; no final status is pending", () => {
    const failed = deploymentOutcome(single, "checkout", rest, {
      id: "x",
      databaseId: 1,
      statuses: { nodes: [status("FAILURE", "2026-06-05T10:05:00Z")] },
    });
    expect(failed).toMatchObject({ state: "failed", deployment: { status: "failure" } });
    expect(
      deploymentOutcome(single, "checkout", rest, {
        id: "x",
        databaseId: 1,
        statuses: { nodes: [status("QUEUED", "2026-06-05T10:05:00Z")] },
      }),
    ).toEqual({ state: "pending" });
    expect(runIdOf("https://ghe.example/org/r/actions/runs/12345")).toBe(12345);
  });
});

test("check runs and statuses become lower-case results; unfinished ones are skipped", () => {
  const results = checksOfCommit(
    {
      oid: "F".repeat(40),
      checkSuites: {
        nodes: [
          {
            app: { slug: "github-actions" },
            checkRuns: {
              nodes: [
                {
                  name: "sast",
                  status: "COMPLETED",
                  conclusion: "SUCCESS",
                  completedAt: "2026-06-05T09:00:00Z",
                  detailsUrl: null,
                },
                {
                  name: "e2e",
                  status: "IN_PROGRESS",
                  conclusion: null,
                  completedAt: null,
                  detailsUrl: null,
                },
              ],
            },
          },
        ],
      },
      status: {
        contexts: [
          {
            context: "ci/legacy",
            state: "FAILURE",
            createdAt: "2026-06-05T09:30:00Z",
            targetUrl: "https://ci",
          },
          {
            context: "ci/pending",
            state: "PENDING",
            createdAt: "2026-06-05T09:31:00Z",
            targetUrl: null,
          },
        ],
      },
    },
    "checkout",
  );
  expect(results).toEqual([
    {
      commitSha: "f".repeat(40),
      name: "sast",
      conclusion: "success",
      completedAt: t("2026-06-05T09:00:00Z"),
      service: "checkout",
    },
    {
      commitSha: "f".repeat(40),
      name: "ci/legacy",
      conclusion: "failure",
      completedAt: t("2026-06-05T09:30:00Z"),
      service: "checkout",
      url: "https://ci",
    },
  ]);
});

test("required checks join branch protection and rulesets", () => {
  expect(
    requiredChecks(
      {
        required_status_checks: {
          contexts: ["ci"],
          checks: [{ context: "ci" }, { context: "lint" }],
        },
      },
      [
        {
          type: "required_status_checks",
          parameters: { required_status_checks: [{ context: "sast" }] },
        },
        { type: "pull_request", parameters: {} },
      ],
    ),
  ).toEqual(["ci", "lint", "sast"]);
  expect(requiredChecks(undefined, [])).toEqual([]);
});
