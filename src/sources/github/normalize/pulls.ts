import type { Change, LinkedItem } from "../../../domain/records.ts";
import type { GqlPull } from "../graphql-types.ts";
import { type RepoTarget, scopedId, servicesTouched } from "../targets.ts";
import { instant, optionalInstant } from "./time.ts";

// A merged pull request becomes one change per service it touches. Approvals are the
// APPROVED reviews (the engine keeps those by others than the author, before merge);
// closing references are its linked work items; a revert names the change it undoes.

/** The id of a pull request's change before service scoping: owner/name#number. */
export function pullId(target: RepoTarget, number: number): string {
  return `${target.repository}#${number}`;
}

/** GitHub's revert button writes `Reverts owner/name#N` in the body and `Revert "…"` as title. */
export function revertedPull(target: RepoTarget, pull: Pick<GqlPull, "title" | "body">) {
  if (!/^revert\b/i.test(pull.title)) return undefined;
  const m = /\breverts\s+(?:([\w.-]+\/[\w.-]+))?#(\d+)/i.exec(pull.body ?? "");
  if (!m) return undefined;
  const repository = m[1] ?? target.repository;
  return repository.toLowerCase() === target.repository.toLowerCase() ? Number(m[2]) : undefined;
}

/**
 * A closed issue as `owner/name#N`, the id a GitHub-issues incident has, so a pull
 * request closing an incident's issue makes its deployment rework. The issue may live
 * in another repository: its URL says which. The pull request's own repository keeps
 * the catalogue's spelling, as the incident's id does.
 */
function issueId(target: RepoTarget, issue: { number: number; url: string }): string {
  const m = /\/([\w.-]+\/[\w.-]+)\/issues\/\d+\/?$/.exec(issue.url);
  const repository = m?.[1];
  if (repository === undefined || repository.toLowerCase() === target.repository.toLowerCase())
    return `${target.repository}#${issue.number}`;
  return `${repository}#${issue.number}`;
}

export function changesFromPull(target: RepoTarget, pull: GqlPull): Change[] {
  if (!pull.merged || !pull.mergedAt) return [];
  const what = `pull request ${target.repository}#${pull.number}`;
  const files = (pull.files?.nodes ?? []).map((f) => f.path);
  const reverted = revertedPull(target, pull);
  const commits = pull.commits.nodes.map(({ commit }) => ({
    sha: commit.oid.toLowerCase(),
    authoredAt: instant(commit.authoredDate, `${what} commit ${commit.oid} authoredDate`),
  }));
  const approvals = (pull.reviews?.nodes ?? [])
    .filter((r) => r.state === "APPROVED" && r.author && r.submittedAt)
    .map((r) => ({ by: (r.author as { login: string }).login, at: optionalInstant(r.submittedAt) }))
    .filter((a): a is { by: string; at: number } => a.at !== undefined);
  const linkedItems: LinkedItem[] = (pull.closingIssuesReferences?.nodes ?? []).map((issue) => ({
    id: issueId(target, issue),
    createdAt: instant(issue.createdAt, `${what} linked issue #${issue.number} createdAt`),
  }));
  // Work items named in the title (PAY-123) are links too: linked_ticket reads them.
  for (const key of pull.title.match(/\b[A-Z][A-Z0-9]+-\d+\b/g) ?? [])
    if (!linkedItems.some((i) => i.id === key)) linkedItems.push({ id: key });
  return servicesTouched(target, files).map((service) => ({
    id: scopedId(target, pullId(target, pull.number), service),
    service,
    mergedAt: instant(pull.mergedAt, `${what} mergedAt`),
    title: pull.title,
    labels: (pull.labels?.nodes ?? []).map((l) => l.name),
    ...(pull.author && { author: pull.author.login }),
    createdAt: instant(pull.createdAt, `${what} createdAt`),
    ...(pull.mergeCommit && { mergeCommitSha: pull.mergeCommit.oid.toLowerCase() }),
    commits,
    linkedItems,
    approvals,
    ...(reverted !== undefined && {
      reverts: scopedId(target, pullId(target, reverted), service),
    }),
    url: pull.url,
  }));
}
