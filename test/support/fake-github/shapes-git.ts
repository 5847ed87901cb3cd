// REST bodies for repositories and commits: a template copy with the model's values
// written over it, plus the ids and URLs other shapes share.
import { type Json, set, type Templates } from "./fixtures.ts";
import type { FakeCommit, FakeRepo } from "./model.ts";
import { fullName } from "./router.ts";
import { base64url, numericId } from "./util.ts";

export const repoNodeId = (repo: FakeRepo): string => `R_${base64url(fullName(repo))}`;
export const pullNodeId = (repo: FakeRepo, number: number): string =>
  `PR_${base64url(`${fullName(repo)}#${number}`)}`;
export const htmlBase = (repo: FakeRepo): string => `https://github.com/${fullName(repo)}`;

export function repoJson(tpl: Templates, repo: FakeRepo): Json {
  const name = fullName(repo);
  const body = tpl.item("org-repos", name);
  body.id = numericId(`repo:${name}`);
  body.node_id = repoNodeId(repo);
  body.name = repo.name;
  body.full_name = name;
  body.owner = { ...tpl.user(repo.owner), type: "Organization" };
  body.default_branch = repo.defaultBranch;
  return body;
}

/** Name and e-mail as git records them; the fake derives both from the login. */
export const gitIdentity = (login: string) => ({
  name: login,
  email: `${login}@users.noreply.github.com`,
});

export function commitJson(
  tpl: Templates,
  repo: FakeRepo,
  commit: FakeCommit,
  parents: string[],
): Json {
  const name = fullName(repo);
  const api = `${tpl.apiBase}/repos/${name}`;
  const body = tpl.item("pull-commits", name);
  body.sha = commit.sha;
  body.node_id = `C_${commit.sha}`;
  body.url = `${api}/commits/${commit.sha}`;
  body.html_url = `${htmlBase(repo)}/commit/${commit.sha}`;
  body.comments_url = `${api}/commits/${commit.sha}/comments`;
  set(body, "commit.url", `${api}/git/commits/${commit.sha}`);
  set(body, "commit.author", { ...gitIdentity(commit.author), date: commit.authoredAt });
  set(body, "commit.committer", { ...gitIdentity(commit.author), date: commit.committedAt });
  set(body, "commit.message", commit.message);
  body.author = tpl.user(commit.author);
  body.committer = tpl.user(commit.author);
  body.parents = parents.map((sha) => ({
    sha,
    url: `${api}/commits/${sha}`,
    html_url: `${htmlBase(repo)}/commit/${sha}`,
  }));
  return body;
}
