// Repositories and pull requests: GET /orgs/{org}/repos, /repos/{o}/{r}, the pulls list
// with GitHub's state/base/sort/direction semantics, one pull, its commits and reviews.
import { CommitIndex } from "./commits.ts";
import type { Json } from "./fixtures.ts";
import type { FakePull, FakeRepo } from "./model.ts";
import { paginate } from "./paging.ts";
import { type Ctx, fullName, listReply, type Router, repoOf } from "./router.ts";
import { commitJson, htmlBase, repoJson } from "./shapes-git.ts";
import { pullJson, pullState } from "./shapes-pull.ts";
import { byTime, direction, HttpError, notFound, numericId, time } from "./util.ts";

function pullOf(ctx: Ctx, repo: FakeRepo): FakePull {
  const number = Number(ctx.params.number);
  const pull = repo.pulls.find((candidate) => candidate.number === number);
  if (pull === undefined) throw notFound();
  return pull;
}

/** The default-branch commit a PR was opened against: the newest one before it. */
function baseShaFinder(repo: FakeRepo): (pull: FakePull) => string | undefined {
  const times = repo.commits.map((commit) => time(commit.committedAt));
  return (pull) => {
    const opened = time(pull.createdAt);
    let found: string | undefined;
    times.forEach((at, index) => {
      if (at <= opened) found = repo.commits[index]?.sha;
    });
    return found ?? repo.commits[0]?.sha;
  };
}

function listPulls(ctx: Ctx) {
  const repo = repoOf(ctx);
  const state = ctx.query.get("state") ?? "open";
  if (!["open", "closed", "all"].includes(state)) {
    throw new HttpError(422, `Invalid value for state: ${state}`);
  }
  const base = ctx.query.get("base");
  const sort = ctx.query.get("sort") ?? "created";
  if (!["created", "updated", "popularity", "long-running"].includes(sort)) {
    throw new HttpError(422, `Invalid value for sort: ${sort}`);
  }
  // GitHub: "desc when sort is created or sort is not specified, otherwise asc".
  const order = direction(ctx.query.get("direction"), sort === "created" ? "desc" : "asc");
  const matching = repo.pulls.filter(
    (pull) =>
      (state === "all" || pullState(pull) === state) && (base === null || pull.base === base),
  );
  const sorted = byTime(
    [...matching].sort((a, b) => a.number - b.number),
    (pull) => (sort === "updated" ? pull.updatedAt : pull.createdAt),
    order,
  );
  const page = paginate(ctx, sorted);
  const baseSha = baseShaFinder(repo);
  return listReply(
    page,
    page.items.map((pull) => pullJson(ctx.tpl, repo, pull, baseSha(pull), false)),
  );
}

function reviewJson(ctx: Ctx, repo: FakeRepo, pull: FakePull, index: number): Json {
  const review = pull.reviews[index];
  if (review === undefined) throw notFound();
  const id = numericId(`review:${fullName(repo)}#${pull.number}:${index}`);
  const html = `${htmlBase(repo)}/pull/${pull.number}#pullrequestreview-${id}`;
  const api = `${ctx.apiBase}/repos/${fullName(repo)}/pulls/${pull.number}`;
  return Object.assign(ctx.tpl.item("pull-reviews", fullName(repo)), {
    id,
    node_id: `PRR_${id}`,
    user: ctx.tpl.user(review.author),
    body: "",
    state: review.state,
    html_url: html,
    pull_request_url: api,
    _links: { html: { href: html }, pull_request: { href: api } },
    submitted_at: review.submittedAt,
    commit_id: review.commitId ?? pull.headSha,
    author_association: "MEMBER",
  });
}

export function pullRoutes(router: Router): void {
  router
    .add("GET", "/orgs/:org/repos", (ctx) => {
      if (ctx.params.org?.toLowerCase() !== ctx.org.login.toLowerCase()) throw notFound();
      const page = paginate(ctx, ctx.org.repos);
      return listReply(
        page,
        page.items.map((repo) => repoJson(ctx.tpl, repo)),
      );
    })
    .add("GET", "/repos/:owner/:repo", (ctx) => ({ body: repoJson(ctx.tpl, repoOf(ctx)) }))
    .add("GET", "/repos/:owner/:repo/pulls", listPulls)
    .add("GET", "/repos/:owner/:repo/pulls/:number", (ctx) => {
      const repo = repoOf(ctx);
      const pull = pullOf(ctx, repo);
      return { body: pullJson(ctx.tpl, repo, pull, baseShaFinder(repo)(pull), true) };
    })
    .add("GET", "/repos/:owner/:repo/pulls/:number/commits", (ctx) => {
      const repo = repoOf(ctx);
      const index = new CommitIndex(repo);
      const page = paginate(ctx, pullOf(ctx, repo).commits.slice(0, 250));
      return listReply(
        page,
        page.items.map((commit) => commitJson(ctx.tpl, repo, commit, index.parents(commit))),
      );
    })
    .add("GET", "/repos/:owner/:repo/pulls/:number/reviews", (ctx) => {
      const repo = repoOf(ctx);
      const pull = pullOf(ctx, repo);
      const ordered = byTime(
        pull.reviews.map((_, index) => index),
        (index) => pull.reviews[index]?.submittedAt ?? "",
        "asc",
      );
      const page = paginate(ctx, ordered);
      return listReply(
        page,
        page.items.map((index) => reviewJson(ctx, repo, pull, index)),
      );
    });
}
