import { createHash } from "node:crypto";
import type {
  FakeCheckRun,
  FakeCommit,
  FakeJob,
  FakePull,
  FakeWorkflowRun,
} from "../../support/fake-github/index.ts";

// Builders for the independent organisation (independent-org.ts): commits, squash-merged
// pull requests, Actions runs with their jobs, and the check runs those jobs are.

/** A 2026 instant written "MM-DDTHH:MM". */
export const t = (at: string) => `2026-${at}:00Z`;
export const sha = (label: string) => createHash("sha1").update(label).digest("hex");
const plus = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace(".000Z", "Z");

export function commit(
  label: string,
  message: string,
  at: string,
  author: string,
  authoredAt = at,
): FakeCommit {
  return { sha: sha(label), message, authoredAt: t(authoredAt), committedAt: t(at), author };
}

export interface PullSpec {
  number: number;
  title: string;
  author: string;
  files: string[];
  /** Branch commits: [label, authored]. */
  commits: [string, string][];
  /** Squash merge: when, and the label of the commit it made on main. */
  merged?: [string, string];
  closed?: string;
  approvals?: [string, string][];
  body?: string;
}

export function pull(s: PullSpec): FakePull {
  const commits = s.commits.map(([label, at]) => commit(label, label, at, s.author));
  const closed = t(s.merged?.[0] ?? s.closed ?? "");
  return {
    number: s.number,
    title: s.title,
    ...(s.body && { body: s.body }),
    author: s.author,
    createdAt: (commits[0] as FakeCommit).authoredAt,
    updatedAt: closed,
    closedAt: closed,
    ...(s.merged && { mergedAt: t(s.merged[0]), mergeCommitSha: sha(s.merged[1]) }),
    base: "main",
    headSha: (commits[commits.length - 1] as FakeCommit).sha,
    labels: [],
    commits,
    reviews: (s.approvals ?? []).map(([author, at]) => ({
      author,
      state: "APPROVED" as const,
      submittedAt: t(at),
    })),
    closingIssues: [],
    files: s.files,
  };
}

let jobId = 1;
export function job(name: string, start: string, minutes: number, conclusion = "success"): FakeJob {
  const startedAt = t(start);
  const completedAt = plus(startedAt, minutes);
  return { id: jobId++, name, status: "completed", conclusion, startedAt, completedAt, labels: [] };
}

export interface RunSpec {
  id: number;
  workflow: [name: string, file: string];
  sha: string;
  branch?: string;
  event?: string;
  created: string;
  started?: string;
  /** Default: when its last job completed. */
  finished?: string;
  conclusion?: string;
  attempt?: number;
  jobs: FakeJob[];
  /** Environment reviewers who approved the run. */
  approvedBy?: string[];
}

export function run(s: RunSpec): FakeWorkflowRun {
  const last = s.jobs.map((j) => j.completedAt ?? "").sort()[s.jobs.length - 1] ?? "";
  return {
    id: s.id,
    name: s.workflow[0],
    path: `.github/workflows/${s.workflow[1]}`,
    headSha: sha(s.sha),
    headBranch: s.branch ?? "main",
    event: s.event ?? "push",
    status: "completed",
    conclusion: s.conclusion ?? "success",
    createdAt: t(s.created),
    runStartedAt: t(s.started ?? s.created),
    updatedAt: s.finished === undefined ? last : t(s.finished),
    runAttempt: s.attempt ?? 1,
    actor: "deploy-bot",
    jobs: s.jobs,
    approvals: (s.approvedBy ?? []).map((user) => ({
      user,
      state: "approved" as const,
      environments: ["production"],
    })),
  };
}

/** Every Actions job is a check run on its run's head commit, as on GitHub. */
export function checksOf(runs: FakeWorkflowRun[]): FakeCheckRun[] {
  return runs.flatMap((r) =>
    r.jobs.map((j) => ({
      sha: r.headSha,
      name: j.name,
      status: "completed" as const,
      conclusion: j.conclusion,
      startedAt: j.startedAt,
      ...(j.completedAt && { completedAt: j.completedAt }),
    })),
  );
}
