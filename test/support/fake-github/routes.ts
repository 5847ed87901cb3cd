// Every REST route the fake serves, plus the two that read server state rather than the
// model: /rate_limit and the GitHub App installation-token exchange.
import type { Credentials } from "./auth.ts";
import type { Json } from "./fixtures.ts";
import type { RateLimits } from "./limits.ts";
import { actionsRoutes } from "./rest-actions.ts";
import { checkRoutes } from "./rest-checks.ts";
import { compareRoutes } from "./rest-compare.ts";
import { deploymentRoutes } from "./rest-deployments.ts";
import { governanceRoutes } from "./rest-governance.ts";
import { pullRoutes } from "./rest-pulls.ts";
import { securityRoutes } from "./rest-security.ts";
import { statusRoutes } from "./rest-statuses.ts";
import { Router } from "./router.ts";
import { notFound } from "./util.ts";

export function buildRouter(limits: RateLimits, credentials: Credentials): Router {
  const router = new Router();
  pullRoutes(router);
  compareRoutes(router);
  deploymentRoutes(router);
  checkRoutes(router);
  statusRoutes(router);
  governanceRoutes(router);
  actionsRoutes(router);
  securityRoutes(router);

  router.add("GET", "/rate_limit", (ctx) => {
    const body = ctx.tpl.item("rate-limit");
    const resources = body.resources as Json;
    resources.core = limits.snapshot("core");
    resources.graphql = limits.snapshot("graphql");
    body.rate = resources.core;
    return { body };
  });

  // The JWT was verified by the server before routing (all /app/ routes need one).
  router.add("POST", "/app/installations/:id/access_tokens", (ctx) => {
    const app = credentials.app;
    if (app === undefined || Number(ctx.params.id) !== app.installationId) throw notFound();
    return {
      status: 201,
      body: {
        ...credentials.issueInstallationToken(),
        permissions: { metadata: "read", contents: "read", pull_requests: "read" },
        repository_selection: "all",
      },
    };
  });
  return router;
}
