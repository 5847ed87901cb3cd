// Security alerts: Dependabot (cursor paging), code scanning and secret scanning (page
// paging). All sort by created (default) or updated, newest first unless told otherwise.
import type { Json } from "./fixtures.ts";
import type { FakeAlert, FakeRepo } from "./model.ts";
import { cursorPaginate, paginate } from "./paging.ts";
import { type Ctx, fullName, listReply, type Reply, type Router, repoOf } from "./router.ts";
import { anyOf, byTime, direction, HttpError } from "./util.ts";

function sorted(ctx: Ctx, alerts: FakeAlert[]): FakeAlert[] {
  const sort = ctx.query.get("sort") ?? "created";
  if (sort !== "created" && sort !== "updated") {
    throw new HttpError(422, `Invalid value for sort: ${sort}`);
  }
  const byNumber = [...alerts].sort((a, b) => a.number - b.number);
  const at = (alert: FakeAlert) => (sort === "created" ? alert.createdAt : alert.updatedAt);
  return byTime(byNumber, at, direction(ctx.query.get("direction"), "desc"));
}

type Field = (alert: FakeAlert) => string | undefined | (string | undefined)[];

/** Applies a comma-list filter; a field giving several values matches on any of them. */
function matching(ctx: Ctx, alerts: FakeAlert[], key: string, field: Field): FakeAlert[] {
  const test = anyOf(ctx.query.get(key));
  if (test === null) return alerts;
  return alerts.filter((alert) => [field(alert)].flat().some(test));
}

function dismissal(ctx: Ctx, alert: FakeAlert) {
  const dismissed = alert.dismissedAt !== undefined;
  return {
    dismissed_at: alert.dismissedAt ?? null,
    dismissed_by: dismissed ? ctx.tpl.user("octocat") : null,
    dismissed_reason: alert.dismissedReason ?? null,
    dismissed_comment: dismissed ? "" : null,
  };
}

function dependabot(ctx: Ctx, repo: FakeRepo, alert: FakeAlert): Json {
  const body = ctx.tpl.item("dependabot-alerts", fullName(repo));
  const severity = alert.severity ?? "medium";
  const advisory = body.security_advisory as Json;
  advisory.severity = severity;
  for (const vulnerability of (advisory.vulnerabilities as Json[] | undefined) ?? []) {
    vulnerability.severity = severity;
  }
  (body.security_vulnerability as Json).severity = severity;
  return Object.assign(body, {
    number: alert.number,
    state: alert.state,
    url: `${ctx.apiBase}/repos/${fullName(repo)}/dependabot/alerts/${alert.number}`,
    html_url: `https://github.com/${fullName(repo)}/security/dependabot/${alert.number}`,
    created_at: alert.createdAt,
    updated_at: alert.updatedAt,
    ...dismissal(ctx, alert),
    fixed_at: alert.fixedAt ?? null,
    auto_dismissed_at: null,
    assignees: [],
  });
}

function codeScanning(ctx: Ctx, repo: FakeRepo, alert: FakeAlert): Json {
  const body = ctx.tpl.item("code-scanning-alerts", fullName(repo));
  const rule = body.rule as Json;
  rule.severity = alert.ruleSeverity ?? "warning";
  rule.security_severity_level = alert.severity ?? null;
  const api = `${ctx.apiBase}/repos/${fullName(repo)}/code-scanning/alerts/${alert.number}`;
  return Object.assign(body, {
    number: alert.number,
    state: alert.state,
    url: api,
    html_url: `https://github.com/${fullName(repo)}/security/code-scanning/${alert.number}`,
    instances_url: `${api}/instances`,
    created_at: alert.createdAt,
    updated_at: alert.updatedAt,
    fixed_at: alert.fixedAt ?? null,
    ...dismissal(ctx, alert),
  });
}

function secretScanning(ctx: Ctx, repo: FakeRepo, alert: FakeAlert): Json {
  const body = ctx.tpl.item("secret-scanning-alerts", fullName(repo));
  const api = `${ctx.apiBase}/repos/${fullName(repo)}/secret-scanning/alerts/${alert.number}`;
  const resolved = alert.resolvedAt !== undefined;
  return Object.assign(body, {
    number: alert.number,
    state: alert.state,
    url: api,
    html_url: `https://github.com/${fullName(repo)}/security/secret-scanning/${alert.number}`,
    locations_url: `${api}/locations`,
    created_at: alert.createdAt,
    updated_at: alert.updatedAt,
    resolution: alert.resolution ?? null,
    resolved_at: alert.resolvedAt ?? null,
    resolved_by: resolved ? ctx.tpl.user("octocat") : null,
    resolution_comment: resolved ? "" : null,
    secret_type: alert.secretType ?? "generic_secret",
    secret_type_display_name: alert.secretType ?? "Generic secret",
  });
}

const closedStates = new Set(["dismissed", "fixed", "closed"]);

export function securityRoutes(router: Router): void {
  router
    .add("GET", "/repos/:owner/:repo/dependabot/alerts", (ctx): Reply => {
      const repo = repoOf(ctx);
      let alerts = matching(ctx, repo.dependabotAlerts, "state", (a) => a.state);
      alerts = matching(ctx, alerts, "severity", (a) => a.severity ?? "medium");
      const page = cursorPaginate(ctx, sorted(ctx, alerts));
      return listReply(
        page,
        page.items.map((alert) => dependabot(ctx, repo, alert)),
      );
    })
    .add("GET", "/repos/:owner/:repo/code-scanning/alerts", (ctx): Reply => {
      const repo = repoOf(ctx);
      const state = ctx.query.get("state");
      let alerts = repo.codeScanningAlerts.filter(
        (a) =>
          state === null ||
          state === "" ||
          a.state === state ||
          (state === "closed" && closedStates.has(a.state)),
      );
      alerts = matching(ctx, alerts, "severity", (a) => [a.severity, a.ruleSeverity]);
      const page = paginate(ctx, sorted(ctx, alerts));
      return listReply(
        page,
        page.items.map((alert) => codeScanning(ctx, repo, alert)),
      );
    })
    .add("GET", "/repos/:owner/:repo/secret-scanning/alerts", (ctx): Reply => {
      const repo = repoOf(ctx);
      let alerts = matching(ctx, repo.secretScanningAlerts, "state", (a) => a.state);
      alerts = matching(ctx, alerts, "secret_type", (a) => a.secretType);
      alerts = matching(ctx, alerts, "resolution", (a) => a.resolution);
      const page = paginate(ctx, sorted(ctx, alerts));
      return listReply(
        page,
        page.items.map((alert) => secretScanning(ctx, repo, alert)),
      );
    });
}
