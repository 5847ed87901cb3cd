import type { Change } from "../../../domain/records.ts";
import type { RepoTarget } from "../targets.ts";
import { scopedId, servicesTouched } from "../targets.ts";
import { pullId, revertedPull } from "./pulls.ts";
import { instant } from "./time.ts";

// A merged pull request as a webhook delivers it: no commits, reviews or files yet. The
// change is stored at once (lead time falls back to the pull request's creation), and the
// next poll replaces it with the full record. In a shared repository the webhook cannot
// tell the services apart, so it waits for the poll.

export interface WebhookPull {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  created_at: string;
  merged_at: string | null;
  merged: boolean;
  merge_commit_sha: string | null;
  base: { ref: string };
  user?: { login: string } | null;
  labels?: { name: string }[];
}

export function changeFromWebhookPull(target: RepoTarget, pull: WebhookPull): Change[] {
  if (!pull.merged || !pull.merged_at) return [];
  if (target.services.length > 1) return [];
  const what = `pull request ${target.repository}#${pull.number}`;
  const reverted = revertedPull(target, pull);
  return servicesTouched(target, []).map((service) => ({
    id: scopedId(target, pullId(target, pull.number), service),
    service,
    mergedAt: instant(pull.merged_at, `${what} merged_at`),
    title: pull.title,
    labels: (pull.labels ?? []).map((l) => l.name),
    ...(pull.user && { author: pull.user.login }),
    createdAt: instant(pull.created_at, `${what} created_at`),
    ...(pull.merge_commit_sha && { mergeCommitSha: pull.merge_commit_sha.toLowerCase() }),
    commits: [],
    linkedItems: (pull.title.match(/\b[A-Z][A-Z0-9]+-\d+\b/g) ?? []).map((id) => ({ id })),
    approvals: [],
    ...(reverted !== undefined && { reverts: scopedId(target, pullId(target, reverted), service) }),
    url: pull.html_url,
  }));
}
