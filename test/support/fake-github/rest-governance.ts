// Controls and money: branch protection, effective branch rules, and the organisation's
// billing usage report.
import { set } from "./fixtures.ts";
import { paginate } from "./paging.ts";
import { type Ctx, fullName, listReply, type Reply, type Router, repoOf } from "./router.ts";
import { HttpError, notFound } from "./util.ts";

function protection(ctx: Ctx): Reply {
  const repo = repoOf(ctx);
  // Protection is modelled for the default branch only; other branches are unprotected.
  if (repo.protection === undefined || ctx.params.branch !== repo.defaultBranch) {
    throw new HttpError(404, "Branch not protected");
  }
  const { contexts, checks, requiredApprovals } = repo.protection;
  const url = `${ctx.apiBase}/repos/${fullName(repo)}/branches/${encodeURIComponent(repo.defaultBranch)}/protection`;
  const body = ctx.tpl.item("branch-protection", fullName(repo));
  body.url = url;
  set(body, "required_status_checks.url", `${url}/required_status_checks`);
  set(body, "required_status_checks.contexts_url", `${url}/required_status_checks/contexts`);
  set(body, "required_status_checks.strict", false);
  set(body, "required_status_checks.contexts", contexts);
  set(
    body,
    "required_status_checks.checks",
    checks ?? contexts.map((context) => ({ context, app_id: null })),
  );
  if (requiredApprovals === undefined) {
    delete body.required_pull_request_reviews;
  } else {
    set(body, "required_pull_request_reviews.url", `${url}/required_pull_request_reviews`);
    set(body, "required_pull_request_reviews.required_approving_review_count", requiredApprovals);
  }
  return { body };
}

/** GET /repos/{o}/{r}/branches/{branch}: the branch with its protection summary. */
function branch(ctx: Ctx): Reply {
  const repo = repoOf(ctx);
  const name = ctx.params.branch ?? "";
  const head = name === repo.defaultBranch ? repo.commits[repo.commits.length - 1] : undefined;
  if (head === undefined) throw new HttpError(404, "Branch not found");
  const api = `${ctx.apiBase}/repos/${fullName(repo)}`;
  const guarded = repo.protection;
  const checks = guarded?.checks ?? guarded?.contexts.map((context) => ({ context, app_id: null }));
  const body = {
    name,
    commit: { sha: head.sha, url: `${api}/commits/${head.sha}` },
    _links: {
      self: `${api}/branches/${encodeURIComponent(name)}`,
      html: `https://github.com/${fullName(repo)}/tree/${name}`,
    },
    protected: guarded !== undefined,
    protection: guarded
      ? {
          enabled: true,
          required_status_checks: {
            enforcement_level: "non_admins",
            contexts: guarded.contexts,
            checks,
          },
        }
      : {
          enabled: false,
          required_status_checks: { enforcement_level: "off", contexts: [], checks: [] },
        },
    protection_url: `${api}/branches/${encodeURIComponent(name)}/protection`,
  };
  return { body };
}

function rules(ctx: Ctx): Reply {
  const repo = repoOf(ctx);
  const effective = ctx.params.branch === repo.defaultBranch ? repo.rules : [];
  const page = paginate(ctx, effective);
  return listReply(
    page,
    page.items.map((rule) => {
      const body = ctx.tpl.item("branch-rules", fullName(repo));
      Object.assign(body, {
        type: rule.type,
        ruleset_source_type: "Repository",
        ruleset_source: fullName(repo),
        ruleset_id: effective.indexOf(rule) + 1,
        parameters: rule.parameters,
      });
      if (rule.parameters === undefined) delete body.parameters;
      return body;
    }),
  );
}

function billingUsage(ctx: Ctx): Reply {
  if (ctx.params.org?.toLowerCase() !== ctx.org.login.toLowerCase()) throw notFound();
  const wanted = (["year", "month", "day"] as const).map((key) => {
    const value = ctx.query.get(key);
    return value === null || value === "" ? null : Number(value);
  });
  const usageItems = ctx.org.billing
    .filter((item) => {
      const parts = item.date.split("-").map(Number);
      return wanted.every((value, index) => value === null || parts[index] === value);
    })
    .map((item) => {
      const body = ctx.tpl.nested("billing-usage", "usageItems");
      Object.assign(body, item, { organizationName: ctx.org.login });
      if (item.repositoryName === undefined) delete body.repositoryName;
      return body;
    });
  return { body: { usageItems } };
}

export function governanceRoutes(router: Router): void {
  router
    .add("GET", "/repos/:owner/:repo/branches/:branch/protection", protection)
    .add("GET", "/repos/:owner/:repo/branches/:branch", branch)
    .add("GET", "/repos/:owner/:repo/rules/branches/:branch", rules)
    .add("GET", "/organizations/:org/settings/billing/usage", billingUsage);
}
