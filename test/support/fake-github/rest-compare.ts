// GET /repos/{o}/{r}/compare/{base}...{head}. Ancestry comes from CommitIndex, so a PR
// commit compared with a newer default-branch commit reports "diverged" as on GitHub.
// Unpaged answers hold the newest 250 commits; with per_page/page the commits are paged
// oldest first and the files only come with the first page.
import { CommitIndex } from "./commits.ts";
import type { Json } from "./fixtures.ts";
import type { FakeCommit } from "./model.ts";
import { pageNumber, paginate } from "./paging.ts";
import { type Ctx, fullName, type Reply, type Router, repoOf } from "./router.ts";
import { commitJson, htmlBase } from "./shapes-git.ts";
import { HttpError, notFound, sha1 } from "./util.ts";

const UNPAGED_LIMIT = 250;

function compare(ctx: Ctx): Reply {
  const repo = repoOf(ctx);
  const basehead = ctx.params.basehead ?? "";
  const split = basehead.indexOf("...");
  if (split < 0) throw notFound();
  const [baseRef, headRef] = [basehead.slice(0, split), basehead.slice(split + 3)];
  const index = new CommitIndex(repo);
  const baseSha = index.resolve(baseRef);
  const headSha = index.resolve(headRef);
  const baseLine = baseSha === undefined ? undefined : index.lineage(baseSha);
  const headLine = headSha === undefined ? undefined : index.lineage(headSha);
  if (baseLine === undefined || headLine === undefined) throw notFound();
  let shared = 0;
  while (
    shared < Math.min(baseLine.length, headLine.length) &&
    baseLine[shared]?.sha === headLine[shared]?.sha
  ) {
    shared++;
  }
  const mergeBase = headLine[shared - 1];
  if (mergeBase === undefined) {
    throw new HttpError(404, `No common ancestor between ${baseRef} and ${headRef}.`);
  }
  const ahead = headLine.slice(shared);
  const behindBy = baseLine.length - shared;
  const status =
    ahead.length === 0
      ? behindBy === 0
        ? "identical"
        : "behind"
      : behindBy === 0
        ? "ahead"
        : "diverged";

  const paged = ctx.query.has("per_page") || ctx.query.has("page");
  const page = paged ? paginate(ctx, ahead) : { items: ahead.slice(-UNPAGED_LIMIT) };
  const firstPage = !paged || pageNumber(ctx) === 1;
  // A commit's parent is the one before it in the head's ancestry unless the model says.
  const position = new Map(headLine.map((commit, at) => [commit.sha, at]));
  const json = (commit: FakeCommit, line: FakeCommit[]) => {
    const at = position.get(commit.sha) ?? line.findIndex((c) => c.sha === commit.sha);
    const previous = line[at - 1];
    const parents = commit.parents ?? (previous === undefined ? [] : [previous.sha]);
    return commitJson(ctx.tpl, repo, commit, parents);
  };
  const name = fullName(repo);
  const body = ctx.tpl.item("compare", name);
  const html = `${htmlBase(repo)}/compare/${baseRef}...${headRef}`;
  Object.assign(body, {
    url: `${ctx.apiBase}/repos/${name}/compare/${baseRef}...${headRef}`,
    html_url: html,
    permalink_url: `${htmlBase(repo)}/compare/${repo.owner}:${baseSha}...${repo.owner}:${headSha}`,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    base_commit: json(baseLine[baseLine.length - 1] as FakeCommit, baseLine),
    merge_base_commit: json(mergeBase, headLine),
    status,
    ahead_by: ahead.length,
    behind_by: behindBy,
    total_commits: ahead.length,
    commits: page.items.map((commit) => json(commit, headLine)),
    files: firstPage ? filesOf(ctx, ahead) : [],
  });
  const link = "link" in page ? page.link : undefined;
  return { body, headers: link === undefined ? undefined : { link } };
}

/** Files of the pull requests whose merge commits fall in the range. */
function filesOf(ctx: Ctx, range: FakeCommit[]): Json[] {
  const repo = repoOf(ctx);
  const shas = new Set(range.map((commit) => commit.sha));
  const paths = new Set<string>();
  for (const pull of repo.pulls) {
    if (pull.mergeCommitSha !== undefined && shas.has(pull.mergeCommitSha)) {
      for (const path of pull.files) paths.add(path);
    }
  }
  const head = range[range.length - 1]?.sha ?? "";
  const template = JSON.stringify(ctx.tpl.nested("compare", "files", fullName(repo)));
  return [...paths].map((path) =>
    Object.assign(JSON.parse(template) as Json, {
      sha: sha1(`${head}:${path}`),
      filename: path,
      status: "modified",
      blob_url: `${htmlBase(repo)}/blob/${head}/${path}`,
      raw_url: `${htmlBase(repo)}/raw/${head}/${path}`,
      contents_url: `${ctx.apiBase}/repos/${fullName(repo)}/contents/${path}?ref=${head}`,
    }),
  );
}

/** GET /repos/{o}/{r}/commits?sha&since: the ancestry of `sha`, newest first, paged. */
function listCommits(ctx: Ctx): Reply {
  const repo = repoOf(ctx);
  const index = new CommitIndex(repo);
  const head = index.resolve(ctx.query.get("sha") ?? repo.defaultBranch);
  if (head === undefined) throw notFound();
  const since = ctx.query.get("since");
  const floor = since === null ? Number.NEGATIVE_INFINITY : Date.parse(since);
  const line = index.lineage(head);
  if (line === undefined) throw notFound();
  const listed = line.filter((c) => Date.parse(c.committedAt) >= floor).reverse();
  const page = paginate(ctx, listed);
  const position = new Map(line.map((commit, at) => [commit.sha, at]));
  const body = page.items.map((commit) => {
    const previous = line[(position.get(commit.sha) ?? 0) - 1];
    const parents = commit.parents ?? (previous === undefined ? [] : [previous.sha]);
    return commitJson(ctx.tpl, repo, commit, parents);
  });
  return { body, headers: page.link === undefined ? undefined : { link: page.link } };
}

export function compareRoutes(router: Router): void {
  router.add("GET", "/repos/:owner/:repo/compare/:basehead", compare);
  router.add("GET", "/repos/:owner/:repo/commits", listCommits);
}
