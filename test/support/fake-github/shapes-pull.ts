// The pull-request body (list and single forms). Example-only noise in the template
// (assignees, milestone, lock) is cleared so nothing in a response contradicts the model.
import { type Json, set, type Templates } from "./fixtures.ts";
import type { FakePull, FakeRepo } from "./model.ts";
import { fullName } from "./router.ts";
import { htmlBase, pullNodeId, repoNodeId } from "./shapes-git.ts";
import { base64url, numericId } from "./util.ts";

export const pullState = (pull: FakePull): "open" | "closed" =>
  pull.closedAt !== undefined || pull.mergedAt !== undefined ? "closed" : "open";

/** A pull request as listed (`pulls`) or fetched alone (`pull`, with merge details). */
export function pullJson(
  tpl: Templates,
  repo: FakeRepo,
  pull: FakePull,
  baseSha: string | undefined,
  single: boolean,
): Json {
  const name = fullName(repo);
  const api = `${tpl.apiBase}/repos/${name}`;
  const html = `${htmlBase(repo)}/pull/${pull.number}`;
  const body = tpl.item(single ? "pull" : "pulls", name);
  const labelTemplate = JSON.stringify((body.labels as Json[] | undefined)?.[0] ?? {});
  Object.assign(body, {
    url: `${api}/pulls/${pull.number}`,
    id: numericId(`pull:${name}#${pull.number}`),
    node_id: pullNodeId(repo, pull.number),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${api}/pulls/${pull.number}/commits`,
    review_comments_url: `${api}/pulls/${pull.number}/comments`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    number: pull.number,
    state: pullState(pull),
    locked: false,
    active_lock_reason: null,
    title: pull.title,
    body: pull.body ?? null,
    user: tpl.user(pull.author),
    labels: pull.labels.map((label) => labelJson(labelTemplate, tpl.apiBase, repo, label)),
    milestone: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt ?? pull.mergedAt ?? null,
    merged_at: pull.mergedAt ?? null,
    merge_commit_sha: pull.mergeCommitSha ?? null,
    draft: pull.draft ?? false,
    author_association: "MEMBER",
  });
  const headRef = `pr-${pull.number}`;
  set(body, "head.ref", headRef);
  set(body, "head.label", `${repo.owner}:${headRef}`);
  set(body, "head.sha", pull.headSha);
  set(body, "head.user", tpl.user(repo.owner));
  set(body, "base.ref", pull.base);
  set(body, "base.label", `${repo.owner}:${pull.base}`);
  set(body, "base.sha", baseSha ?? pull.headSha);
  set(body, "base.user", tpl.user(repo.owner));
  for (const side of ["head", "base"]) {
    set(body, `${side}.repo.id`, numericId(`repo:${name}`));
    set(body, `${side}.repo.node_id`, repoNodeId(repo));
    set(body, `${side}.repo.name`, repo.name);
    set(body, `${side}.repo.owner`, { ...tpl.user(repo.owner), type: "Organization" });
    set(body, `${side}.repo.default_branch`, repo.defaultBranch);
  }
  const href = (url: string) => ({ href: url });
  body._links = {
    self: href(body.url as string),
    html: href(html),
    issue: href(body.issue_url as string),
    comments: href(body.comments_url as string),
    review_comments: href(body.review_comments_url as string),
    review_comment: href(`${api}/pulls/comments{/number}`),
    commits: href(body.commits_url as string),
    statuses: href(body.statuses_url as string),
  };
  if (single) {
    Object.assign(body, {
      merged: pull.mergedAt !== undefined,
      merged_by: pull.mergedAt === undefined ? null : tpl.user(pull.author),
      mergeable: pull.mergedAt === undefined ? true : null,
      commits: pull.commits.length,
      changed_files: pull.files.length,
    });
  }
  return body;
}

function labelJson(template: string, apiBase: string, repo: FakeRepo, label: string): Json {
  const id = numericId(`label:${fullName(repo)}:${label}`);
  return Object.assign(JSON.parse(template) as Json, {
    id,
    node_id: `LA_${base64url(String(id))}`,
    url: `${apiBase}/repos/${fullName(repo)}/labels/${encodeURIComponent(label)}`,
    name: label,
    description: null,
    default: false,
  });
}
