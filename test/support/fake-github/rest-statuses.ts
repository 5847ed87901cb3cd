// Commit statuses of a `{ref}`: the full list (newest first) and GitHub's combined view
// (latest per context, failure > pending > success).
import { CommitIndex } from "./commits.ts";
import type { Json } from "./fixtures.ts";
import type { FakeRepo, FakeStatus } from "./model.ts";
import { paginate } from "./paging.ts";
import { type Ctx, fullName, listReply, type Router, repoOf } from "./router.ts";
import { byTime, HttpError, numericId } from "./util.ts";

/** The SHA a `{ref}` names; SHAs only mentioned by CI records count as known too. */
export function shaOf(ctx: Ctx, repo: FakeRepo): string {
  const ref = ctx.params.ref ?? "";
  const resolved = new CommitIndex(repo).resolve(ref);
  if (resolved !== undefined) return resolved;
  const mentioned = [
    ...repo.checkRuns.map((run) => run.sha),
    ...repo.statuses.map((status) => status.sha),
    ...repo.deployments.map((deployment) => deployment.sha),
    ...repo.workflowRuns.map((run) => run.headSha),
    ...repo.pulls.map((pull) => pull.headSha),
  ];
  if (mentioned.includes(ref)) return ref;
  throw new HttpError(422, `No commit found for SHA: ${ref}`);
}

function statusJson(ctx: Ctx, repo: FakeRepo, status: FakeStatus, index: number): Json {
  const body = ctx.tpl.nested("commit-status", "statuses", fullName(repo));
  const id = numericId(`status:${fullName(repo)}:${index}`);
  return Object.assign(body, {
    url: `${ctx.apiBase}/repos/${fullName(repo)}/statuses/${status.sha}`,
    id,
    node_id: `SC_${id}`,
    state: status.state,
    description: "",
    target_url: status.targetUrl ?? null,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
  });
}

/** Latest status per context, newest first. */
export function latestPerContext(statuses: FakeStatus[]): FakeStatus[] {
  const seen = new Set<string>();
  return byTime(statuses, (status) => status.createdAt, "desc").filter((status) => {
    if (seen.has(status.context)) return false;
    seen.add(status.context);
    return true;
  });
}

export function combinedState(latest: FakeStatus[]): string {
  if (latest.some((status) => status.state === "error" || status.state === "failure")) {
    return "failure";
  }
  if (latest.length === 0 || latest.some((status) => status.state === "pending")) return "pending";
  return "success";
}

export function statusRoutes(router: Router): void {
  router
    .add("GET", "/repos/:owner/:repo/commits/:ref/statuses", (ctx) => {
      const repo = repoOf(ctx);
      const sha = shaOf(ctx, repo);
      const own = repo.statuses.filter((status) => status.sha === sha);
      const page = paginate(
        ctx,
        byTime(own, (status) => status.createdAt, "desc"),
      );
      return listReply(
        page,
        page.items.map((status) => statusJson(ctx, repo, status, repo.statuses.indexOf(status))),
      );
    })
    .add("GET", "/repos/:owner/:repo/commits/:ref/status", (ctx) => {
      const repo = repoOf(ctx);
      const sha = shaOf(ctx, repo);
      const latest = latestPerContext(repo.statuses.filter((status) => status.sha === sha));
      const body = ctx.tpl.item("commit-status", fullName(repo));
      const api = `${ctx.apiBase}/repos/${fullName(repo)}`;
      return {
        body: Object.assign(body, {
          state: combinedState(latest),
          statuses: latest.map((status) =>
            statusJson(ctx, repo, status, repo.statuses.indexOf(status)),
          ),
          sha,
          total_count: latest.length,
          repository: Object.assign(body.repository as Json, {
            id: numericId(`repo:${fullName(repo)}`),
            name: repo.name,
            owner: { ...ctx.tpl.user(repo.owner), type: "Organization" },
          }),
          commit_url: `${api}/commits/${sha}`,
          url: `${api}/commits/${sha}/status`,
        }),
      };
    });
}
