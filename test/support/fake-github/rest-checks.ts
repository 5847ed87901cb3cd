// Check runs of a commit: newest per name unless `filter=all`, app defaulting to
// GitHub Actions, wrapped in `{total_count, check_runs}`.
import type { Json } from "./fixtures.ts";
import type { FakeCheckRun, FakeRepo } from "./model.ts";
import { paginate } from "./paging.ts";
import { shaOf } from "./rest-statuses.ts";
import { type Ctx, fullName, listReply, type Router, repoOf } from "./router.ts";
import { byTime, numericId } from "./util.ts";

export const appSlug = (run: FakeCheckRun): string => run.app ?? "github-actions";
export const appName = (slug: string): string =>
  slug === "github-actions" ? "GitHub Actions" : slug;

/** Check-run ids, hashed from the run's identity when the model leaves them out. */
export const checkRunId = (repo: FakeRepo, run: FakeCheckRun): number =>
  run.id ?? numericId(`check-run:${fullName(repo)}:${run.sha}:${run.name}:${run.startedAt}`);

/** Newest run per name, the default `filter=latest` view. */
export function latestPerName(runs: FakeCheckRun[]): FakeCheckRun[] {
  const newest = new Map<string, FakeCheckRun>();
  for (const run of byTime(runs, (candidate) => candidate.startedAt, "asc")) {
    newest.set(run.name, run);
  }
  return runs.filter((run) => newest.get(run.name) === run);
}

function checkRunJson(ctx: Ctx, repo: FakeRepo, run: FakeCheckRun): Json {
  const body = ctx.tpl.nested("commit-check-runs", "check_runs", fullName(repo));
  const id = checkRunId(repo, run);
  const slug = appSlug(run);
  return Object.assign(body, {
    id,
    head_sha: run.sha,
    node_id: `CR_${id}`,
    url: `${ctx.apiBase}/repos/${fullName(repo)}/check-runs/${id}`,
    html_url: `https://github.com/${fullName(repo)}/runs/${id}`,
    details_url: `https://github.com/${fullName(repo)}/runs/${id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt ?? null,
    name: run.name,
    check_suite: { id: numericId(`check-suite:${fullName(repo)}:${run.sha}:${slug}`) },
    app: Object.assign(body.app as Json, {
      id: numericId(`app:${slug}`),
      slug,
      name: appName(slug),
    }),
    pull_requests: [],
  });
}

export function checkRoutes(router: Router): void {
  router.add("GET", "/repos/:owner/:repo/commits/:ref/check-runs", (ctx) => {
    const repo = repoOf(ctx);
    const sha = shaOf(ctx, repo);
    const name = ctx.query.get("check_name");
    const status = ctx.query.get("status");
    let runs = repo.checkRuns.filter(
      (run) =>
        run.sha === sha &&
        (name === null || run.name === name) &&
        (status === null || run.status === status),
    );
    if ((ctx.query.get("filter") ?? "latest") === "latest") runs = latestPerName(runs);
    const page = paginate(
      ctx,
      byTime(runs, (run) => run.startedAt, "desc"),
    );
    const check_runs = page.items.map((run) => checkRunJson(ctx, repo, run));
    return listReply(page, { total_count: runs.length, check_runs });
  });
}
